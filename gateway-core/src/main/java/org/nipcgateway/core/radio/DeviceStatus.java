package org.nipcgateway.core.radio;

import java.util.Locale;

/**
 * The error status a device answered with: an ATT error code (BLE, Bluetooth Core Vol 3 Part F
 * 3.4.1.1) or a ZCL status (Zigbee Cluster Library 2.6.3). Devices answer many codes no gateway
 * names; the code travels as it came and {@link #name()} spells the ones it knows.
 */
public record DeviceStatus(Protocol protocol, int code) {

  /** The protocol whose status codes {@link #code()} is one of. */
  public enum Protocol {
    ATT,
    ZCL
  }

  public static DeviceStatus att(AttError error) {
    return new DeviceStatus(Protocol.ATT, error.code());
  }

  public static DeviceStatus zcl(ZclStatus status) {
    return new DeviceStatus(Protocol.ZCL, status.code());
  }

  /** The code's name ({@code READ_ONLY}), or its hex value when it has none here. */
  public String name() {
    return switch (protocol) {
      case ATT ->
          AttError.of(code)
              .map(Enum::name)
              .orElse(applicationError() ? "APPLICATION_ERROR" : hex());
      case ZCL -> ZclStatus.of(code).map(Enum::name).orElse(hex());
    };
  }

  /** Whether the device says it has no such attribute, cluster or characteristic. */
  public boolean noSuchTarget() {
    return switch (protocol) {
      case ATT ->
          code == AttError.ATTRIBUTE_NOT_FOUND.code() || code == AttError.INVALID_HANDLE.code();
      case ZCL ->
          code == ZclStatus.UNSUPPORTED_ATTRIBUTE.code()
              || code == ZclStatus.UNSUPPORTED_CLUSTER.code();
    };
  }

  /** Whether the device refused because the link is not paired or encrypted as it needs. */
  public boolean needsPairing() {
    return protocol == Protocol.ATT
        && (code == AttError.INSUFFICIENT_AUTHENTICATION.code()
            || code == AttError.INSUFFICIENT_ENCRYPTION.code()
            || code == AttError.INSUFFICIENT_ENCRYPTION_KEY_SIZE.code());
  }

  /**
   * Whether this is an ATT application error (0x80–0x9F): a code the characteristic's own profile
   * defines, not the attribute protocol.
   */
  public boolean applicationError() {
    return protocol == Protocol.ATT && code >= 0x80 && code <= 0x9F;
  }

  private String hex() {
    return String.format(Locale.ROOT, "0x%02X", code);
  }

  /** {@code ZCL READ_ONLY (0x88)}: how details and logs show it. */
  @Override
  public String toString() {
    return protocol + " " + name() + " (" + hex() + ")";
  }
}
