package org.nipcgateway.core.metrics;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.ZigbeeReporting;

/**
 * Counts every call to a Zigbee radio by operation and outcome ({@code nipc_radio_calls_total}).
 */
public final class MeteredZigbeeRadio implements ZigbeeRadio {
  private final ZigbeeRadio radio;
  private final RadioCallMeter readCalls;
  private final RadioCallMeter writeCalls;
  private final RadioCallMeter commandCalls;
  private final RadioCallMeter groupCommandCalls;
  private final RadioCallMeter reportingCalls;
  private final RadioCallMeter permitJoinCalls;
  private final RadioCallMeter leaveCalls;
  private final RadioCallMeter transmitCalls;
  private final RadioCallMeter discoverCalls;

  public MeteredZigbeeRadio(ZigbeeRadio radio, GatewayMetrics metrics) {
    this.radio = radio;
    this.readCalls = new RadioCallMeter(metrics, "zigbee", "read");
    this.writeCalls = new RadioCallMeter(metrics, "zigbee", "write");
    this.commandCalls = new RadioCallMeter(metrics, "zigbee", "command");
    this.groupCommandCalls = new RadioCallMeter(metrics, "zigbee", "groupCommand");
    this.reportingCalls = new RadioCallMeter(metrics, "zigbee", "reporting");
    this.permitJoinCalls = new RadioCallMeter(metrics, "zigbee", "permitJoin");
    this.leaveCalls = new RadioCallMeter(metrics, "zigbee", "leave");
    this.transmitCalls = new RadioCallMeter(metrics, "zigbee", "transmit");
    this.discoverCalls = new RadioCallMeter(metrics, "zigbee", "discover");
  }

  @Override
  public Future<DeviceAnswer<byte[]>> readAttribute(Eui64 device, ZigbeeAttribute attribute) {
    return readCalls.counted(radio.readAttribute(device, attribute));
  }

  @Override
  public Future<DeviceAnswer<Void>> writeAttribute(
      Eui64 device, ZigbeeAttribute attribute, byte[] value) {
    return writeCalls.counted(radio.writeAttribute(device, attribute, value));
  }

  @Override
  public Future<DeviceAnswer<ZigbeeCommandResponse>> command(
      Eui64 device, ZigbeeCommand command, byte[] payload) {
    return commandCalls.counted(radio.command(device, command, payload));
  }

  /** Passed through as one call to the radio (a groupcast stays one); each member is counted. */
  @Override
  public Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>> groupCommand(
      List<Eui64> devices, ZigbeeCommand command, byte[] payload) {
    Map<Eui64, Future<DeviceAnswer<ZigbeeCommandResponse>>> counted = new LinkedHashMap<>();
    radio
        .groupCommand(devices, command, payload)
        .forEach((device, answer) -> counted.put(device, groupCommandCalls.counted(answer)));
    return counted;
  }

  @Override
  public Future<DeviceAnswer<Void>> configureReporting(
      Eui64 device, ZigbeeAttribute attribute, ZigbeeReporting reporting) {
    return reportingCalls.counted(radio.configureReporting(device, attribute, reporting));
  }

  @Override
  public Future<Void> permitJoin(int seconds) {
    return permitJoinCalls.counted(radio.permitJoin(seconds));
  }

  @Override
  public Future<Void> leave(Eui64 device) {
    return leaveCalls.counted(radio.leave(device));
  }

  @Override
  public Future<Void> transmit(
      Eui64 device, org.nipcgateway.core.radio.ZigbeeTransmission transmission) {
    return transmitCalls.counted(radio.transmit(device, transmission));
  }

  @Override
  public Future<List<org.nipcgateway.core.radio.ZigbeeEndpointMap>> discover(Eui64 device) {
    return discoverCalls.counted(radio.discover(device));
  }

  @Override
  public void listen(ZigbeeListener listener) {
    radio.listen(listener);
  }

  @Override
  public RadioState state() {
    return radio.state();
  }
}
