package org.nipcgateway.core.radio;

import java.util.Optional;

/** ATT error codes a peripheral answers GATT requests with (Bluetooth Core Vol 3 Part F). */
public enum AttError {
  INVALID_HANDLE(0x01),
  READ_NOT_PERMITTED(0x02),
  WRITE_NOT_PERMITTED(0x03),
  INVALID_PDU(0x04),
  INSUFFICIENT_AUTHENTICATION(0x05),
  REQUEST_NOT_SUPPORTED(0x06),
  INVALID_OFFSET(0x07),
  INSUFFICIENT_AUTHORIZATION(0x08),
  PREPARE_QUEUE_FULL(0x09),
  ATTRIBUTE_NOT_FOUND(0x0A),
  ATTRIBUTE_NOT_LONG(0x0B),
  INSUFFICIENT_ENCRYPTION_KEY_SIZE(0x0C),
  INVALID_ATTRIBUTE_VALUE_LENGTH(0x0D),
  UNLIKELY_ERROR(0x0E),
  INSUFFICIENT_ENCRYPTION(0x0F),
  UNSUPPORTED_GROUP_TYPE(0x10),
  INSUFFICIENT_RESOURCES(0x11),
  VALUE_NOT_ALLOWED(0x13),
  WRITE_REQUEST_REJECTED(0xFC),
  CCCD_IMPROPERLY_CONFIGURED(0xFD),
  PROCEDURE_ALREADY_IN_PROGRESS(0xFE),
  OUT_OF_RANGE(0xFF);

  private final int code;

  AttError(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<AttError> of(int code) {
    for (AttError error : values()) {
      if (error.code == code) {
        return Optional.of(error);
      }
    }
    return Optional.empty();
  }
}
