package org.nipcgateway.core.radio;

import io.vertx.core.Future;

/**
 * What the gateway asks of a Zigbee radio (coordinator). Devices are addressed by the EUI-64 of
 * their SCIM Zigbee extension.
 *
 * <p>Every method is called on an event loop, must return at once without blocking, and completes
 * its future on the caller's context. Failures are {@link RadioException}s; a ZCL status other than
 * success is reported as {@link RadioException.Reason#NOT_PERMITTED} or {@link
 * RadioException.Reason#UNKNOWN_TARGET}.
 */
public interface ZigbeeRadio {

  /** Reads an attribute; the value is its raw ZCL encoding. */
  Future<byte[]> readAttribute(String deviceEui64, ZigbeeAttribute attribute);

  /** Writes an attribute from its raw ZCL encoding. */
  Future<Void> writeAttribute(String deviceEui64, ZigbeeAttribute attribute, byte[] value);
}
