package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * Sends one cluster command to several nodes. A driver that can sends it once, to a Zigbee group
   * of exactly these nodes (a groupcast; nodes do not answer groupcasts, so each node's answer is
   * then a SUCCESS Default Response meaning "sent"); by default one command per node, each with its
   * node's own answer. Called on an event loop like {@link #command}; each node's outcome is its
   * own future, failed with a {@link RadioException} as {@link #command} would be.
   */
  default Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>> groupCommand(
      List<Eui64> devices, ZigbeeCommand command, byte[] payload) {
    Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>> answers = new LinkedHashMap<>();
    for (Eui64 device : devices) {
      answers.put(device, command(device, command, payload));
    }
    return answers;
  }

  /** Lets new nodes join the network for the given number of seconds (0 closes it). */
  Future<Void> permitJoin(int seconds);

  /**
   * Asks a node to leave the network (ZDO Mgmt_Leave, without rejoin) and forgets it once it has
   * confirmed: it comes back only by joining again while joining is permitted. Called on an event
   * loop like every method here. Fails with {@link RadioException.Reason#UNKNOWN_DEVICE} for a node
   * not in the network, {@link RadioException.Reason#TIMEOUT} when it does not answer (it then
   * stays in the network) and {@link RadioException.Reason#RADIO_DOWN} when the coordinator is
   * down.
   */
  Future<Void> leave(Eui64 device);

  /**
   * Broadcasts a payload on the network for a device (the NIPC Transmit extension), on the schedule
   * given; succeeds once the coordinator has taken it on. Drivers whose stack cannot broadcast raw
   * payloads keep this default, which fails with {@link RadioException.Reason#UNSUPPORTED}.
   */
  default Future<Void> transmit(Eui64 device, ZigbeeTransmission transmission) {
    return Future.failedFuture(
        new RadioException(
            RadioException.Reason.UNSUPPORTED, "this Zigbee driver cannot broadcast payloads"));
  }

  /**
   * Discovers a node's endpoints, their server clusters and the attributes they hold, in ascending
   * id order. Fails like a read: {@link RadioException.Reason#UNKNOWN_DEVICE} for a node not in the
   * network, {@link RadioException.Reason#TIMEOUT} when it does not answer. Drivers that cannot
   * discover keep this default, which fails with {@link RadioException.Reason#UNSUPPORTED}.
   */
  default Future<List<ZigbeeEndpointMap>> discover(Eui64 device) {
    return Future.failedFuture(
        new RadioException(
            RadioException.Reason.UNSUPPORTED, "this Zigbee driver cannot discover nodes"));
  }

  /** Adds a listener; may be called before or after the radio is up. */
  void listen(ZigbeeListener listener);

  /** Whether the radio can be used now. */
  RadioState state();
}
