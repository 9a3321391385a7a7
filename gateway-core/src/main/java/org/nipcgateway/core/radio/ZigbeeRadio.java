package org.nipcgateway.core.radio;

import io.vertx.core.Future;

/**
 * What the gateway asks of a Zigbee radio (a coordinator): ZCL requests to the nodes of its
 * network, addressed by EUI-64. Zigbee needs no connections.
 *
 * <p>Threading: every method is called on a Vert.x event loop and must return at once without
 * blocking; futures complete on the caller's context.
 *
 * <p>Failures: a ZCL status other than SUCCESS is a value, a refused {@link DeviceAnswer}; a node
 * that does not answer, is not in the network, or a coordinator that is down is a failed future
 * with a {@link RadioException}. Reports, device-initiated writes and node changes reach the {@link
 * ZigbeeListener}s.
 */
public interface ZigbeeRadio {

  /** Reads an attribute; the value is its raw ZCL encoding. */
  Future<DeviceAnswer<byte[]>> readAttribute(Eui64 device, ZigbeeAttribute attribute);

  /** Writes an attribute from its raw ZCL encoding. */
  Future<DeviceAnswer<Void>> writeAttribute(Eui64 device, ZigbeeAttribute attribute, byte[] value);

  /**
   * Sends a cluster command ({@code payload} is its raw ZCL payload) and answers with the node's
   * response command: its specific response, or a Default Response.
   */
  Future<DeviceAnswer<ZigbeeCommandResponse>> command(
      Eui64 device, ZigbeeCommand command, byte[] payload);

  /**
   * Configures reporting of an attribute (ZCL Configure Reporting, with the binding to the
   * coordinator it needs); {@link ZigbeeReporting#OFF} turns it off.
   */
  Future<DeviceAnswer<Void>> configureReporting(
      Eui64 device, ZigbeeAttribute attribute, ZigbeeReporting reporting);

  /** Lets new nodes join the network for the given number of seconds (0 closes it). */
  Future<Void> permitJoin(int seconds);

  /** Adds a listener; may be called before or after the radio is up. */
  void listen(ZigbeeListener listener);

  /** Whether the radio can be used now. */
  RadioState state();
}
