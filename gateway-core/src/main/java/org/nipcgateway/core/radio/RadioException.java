package org.nipcgateway.core.radio;

/**
 * A radio operation failed in the gateway, the radio or the link, as opposed to the device
 * answering with an error status (a refused {@link DeviceAnswer}). The reason lets the NIPC engine
 * pick the problem type without parsing messages.
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
     * The driver finds no such target on the device: a BLE service or characteristic missing from
     * its discovered GATT database, a Zigbee endpoint the node does not have.
     */
    UNKNOWN_TARGET,
    /** The radio knows no device with that address. */
    UNKNOWN_DEVICE,
    /** The radio itself is down (adapter removed or off, coordinator lost). */
    RADIO_DOWN,
    /** The driver cannot do this at all (its stack offers no such operation). */
    UNSUPPORTED
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
