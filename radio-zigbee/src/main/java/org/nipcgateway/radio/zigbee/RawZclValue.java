package org.nipcgateway.radio.zigbee;

/**
 * An attribute value as the raw little-endian bytes of its ZCL type, handed to the stack in place
 * of a typed Java value so that {@link RawValueSerializer} puts exactly these bytes on the air.
 */
record RawZclValue(byte[] bytes) {
  RawZclValue {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
