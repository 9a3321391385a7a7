package org.nipcgateway.core.radio;

/**
 * A radio operation failed in the radio or the link, as opposed to the device answering with an
 * error status. The reason lets the NIPC engine pick the problem type without parsing messages.
 */
public final class RadioException extends RuntimeException {
  /** Why a radio operation failed. */
  public enum Reason {
    /** The device did not answer in time. */
    TIMEOUT,
    /**
     * No connection could be made (out of range, refused, no free connection slot), or it was lost
     * during the operation.
     */
    CONNECTION_FAILED,
    /** The connection stands but its services could not be discovered. */
    DISCOVERY_FAILED,
    /** Pairing or bonding with the device failed. */
    BONDING_FAILED,
    /**
     * The device has no such target: BLE service/characteristic, Zigbee endpoint/cluster/attribute.
     */
    UNKNOWN_TARGET,
    /** The device refused the operation (e.g. writing a read-only characteristic). */
    NOT_PERMITTED,
    /** The radio knows no device with that address. */
    UNKNOWN_DEVICE
  }

  private final Reason reason;

  public RadioException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
