package org.nipcgateway.core.radio;

import io.vertx.core.Future;

/**
 * What the gateway asks of a Zigbee radio (coordinator). Devices are addressed by the EUI-64 of
 * their SCIM Zigbee extension; Zigbee needs no connections.
 *
 * <p>Every method is called on an event loop, must return at once without blocking, and completes
 * its future on the caller's context. Failures are {@link RadioException}s; a ZCL status other than
 * success is reported as {@link RadioException.Reason#NOT_PERMITTED} or {@link
 * RadioException.Reason#UNKNOWN_TARGET}. Attribute reports reach the {@link ZigbeeListener}s.
 */
public interface ZigbeeRadio {

  /** Reads an attribute; the value is its raw ZCL encoding. */
  Future<byte[]> readAttribute(String deviceEui64, ZigbeeAttribute attribute);

  /** Writes an attribute from its raw ZCL encoding. */
  Future<Void> writeAttribute(String deviceEui64, ZigbeeAttribute attribute, byte[] value);

  /** Sends a cluster command; {@code payload} is the command's raw ZCL payload. */
  Future<Void> command(String deviceEui64, ZigbeeCommand command, byte[] payload);

  /** Configures reporting of an attribute on or off (ZCL Configure Reporting). */
  Future<Void> reporting(String deviceEui64, ZigbeeAttribute attribute, boolean on);

  /** Lets new nodes join the network for the given number of seconds (0 closes it). */
  Future<Void> permitJoin(int seconds);

  /** Adds a listener for attribute reports. */
  void listen(ZigbeeListener listener);
}
