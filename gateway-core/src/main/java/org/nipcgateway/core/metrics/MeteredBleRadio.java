package org.nipcgateway.core.metrics;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.RadioState;

/** Counts every call to a BLE radio by operation and outcome ({@code nipc_radio_calls_total}). */
public final class MeteredBleRadio implements BleRadio {
  private final BleRadio radio;
  private final RadioCallMeter connectCalls;
  private final RadioCallMeter disconnectCalls;
  private final RadioCallMeter discoverCalls;
  private final RadioCallMeter readCalls;
  private final RadioCallMeter writeCalls;
  private final RadioCallMeter notificationsCalls;
  private final RadioCallMeter scanningCalls;
  private final RadioCallMeter transmitCalls;

  public MeteredBleRadio(BleRadio radio, GatewayMetrics metrics) {
    this.radio = radio;
    this.connectCalls = new RadioCallMeter(metrics, "ble", "connect");
    this.disconnectCalls = new RadioCallMeter(metrics, "ble", "disconnect");
    this.discoverCalls = new RadioCallMeter(metrics, "ble", "discover");
    this.readCalls = new RadioCallMeter(metrics, "ble", "read");
    this.writeCalls = new RadioCallMeter(metrics, "ble", "write");
    this.notificationsCalls = new RadioCallMeter(metrics, "ble", "notifications");
    this.scanningCalls = new RadioCallMeter(metrics, "ble", "scanning");
    this.transmitCalls = new RadioCallMeter(metrics, "ble", "transmit");
  }

  @Override
  public Future<BleLink> connect(BleConnectRequest request) {
    return connectCalls.counted(radio.connect(request));
  }

  @Override
  public Future<Void> disconnect(BleAddress device) {
    return disconnectCalls.counted(radio.disconnect(device));
  }

  @Override
  public Future<List<GattService>> discover(BleAddress device, Set<String> serviceIds) {
    return discoverCalls.counted(radio.discover(device, serviceIds));
  }

  @Override
  public Future<DeviceAnswer<byte[]>> read(BleAddress device, GattCharacteristic characteristic) {
    return readCalls.counted(radio.read(device, characteristic));
  }

  @Override
  public Future<DeviceAnswer<Void>> write(
      BleAddress device, GattCharacteristic characteristic, byte[] value, BleWriteType type) {
    return writeCalls.counted(radio.write(device, characteristic, value, type));
  }

  @Override
  public Future<DeviceAnswer<Void>> notifications(
      BleAddress device, GattCharacteristic characteristic, boolean on) {
    return notificationsCalls.counted(radio.notifications(device, characteristic, on));
  }

  @Override
  public Future<Void> scanning(boolean on) {
    return scanningCalls.counted(radio.scanning(on));
  }

  @Override
  public Future<Void> transmit(
      BleAddress device, org.nipcgateway.core.radio.BleTransmission transmission) {
    return transmitCalls.counted(radio.transmit(device, transmission));
  }

  @Override
  public void listen(BleListener listener) {
    radio.listen(listener);
  }

  @Override
  public RadioState state() {
    return radio.state();
  }
}
