package org.nipcgateway.core.radio;

import java.util.Optional;

/**
 * ZCL status codes a node answers commands with (Zigbee Cluster Library, "Status Enumerations").
 */
public enum ZclStatus {
  SUCCESS(0x00),
  FAILURE(0x01),
  NOT_AUTHORIZED(0x7E),
  MALFORMED_COMMAND(0x80),
  UNSUP_CLUSTER_COMMAND(0x81),
  UNSUP_GENERAL_COMMAND(0x82),
  UNSUP_MANUF_CLUSTER_COMMAND(0x83),
  UNSUP_MANUF_GENERAL_COMMAND(0x84),
  INVALID_FIELD(0x85),
  UNSUPPORTED_ATTRIBUTE(0x86),
  INVALID_VALUE(0x87),
  READ_ONLY(0x88),
  INSUFFICIENT_SPACE(0x89),
  DUPLICATE_EXISTS(0x8A),
  NOT_FOUND(0x8B),
  UNREPORTABLE_ATTRIBUTE(0x8C),
  INVALID_DATA_TYPE(0x8D),
  INVALID_SELECTOR(0x8E),
  WRITE_ONLY(0x8F),
  INCONSISTENT_STARTUP_STATE(0x90),
  DEFINED_OUT_OF_BAND(0x91),
  ACTION_DENIED(0x93),
  TIMEOUT(0x94),
  /** OTA upgrade: the client gives the upgrade up. */
  ABORT(0x95),
  /** OTA upgrade: the image failed the client's checks (signature, CRC, header). */
  INVALID_IMAGE(0x96),
  WAIT_FOR_DATA(0x97),
  NO_IMAGE_AVAILABLE(0x98),
  /** OTA upgrade: the client needs further images before it can upgrade. */
  REQUIRE_MORE_IMAGE(0x99),
  HARDWARE_FAILURE(0xC0),
  SOFTWARE_FAILURE(0xC1),
  UNSUPPORTED_CLUSTER(0xC3);

  private final int code;

  ZclStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<ZclStatus> of(int code) {
    for (ZclStatus status : values()) {
      if (status.code == code) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
