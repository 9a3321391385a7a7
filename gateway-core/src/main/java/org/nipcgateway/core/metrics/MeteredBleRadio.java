package org.nipcgateway.core.metrics;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
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
  private final GatewayMetrics metrics;

  public MeteredBleRadio(BleRadio radio, GatewayMetrics metrics) {
    this.radio = radio;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> connect(BleConnectRequest request) {
    return counted("connect", radio.connect(request));
  }

  @Override
  public Future<Void> disconnect(BleAddress device) {
    return counted("disconnect", radio.disconnect(device));
  }

  @Override
  public Future<List<GattService>> discover(BleAddress device, Set<String> serviceIds) {
    return counted("discover", radio.discover(device, serviceIds));
  }

  @Override
  public Future<DeviceAnswer<byte[]>> read(BleAddress device, GattCharacteristic characteristic) {
    return counted("read", radio.read(device, characteristic));
  }

  @Override
  public Future<DeviceAnswer<Void>> write(
      BleAddress device, GattCharacteristic characteristic, byte[] value, BleWriteType type) {
    return counted("write", radio.write(device, characteristic, value, type));
  }

  @Override
  public Future<DeviceAnswer<Void>> notifications(
      BleAddress device, GattCharacteristic characteristic, boolean on) {
    return counted("notifications", radio.notifications(device, characteristic, on));
  }

  @Override
  public Future<Void> scanning(boolean on) {
    return counted("scanning", radio.scanning(on));
  }

  @Override
  public Future<Void> transmit(
      BleAddress device, org.nipcgateway.core.radio.BleTransmission transmission) {
    return counted("transmit", radio.transmit(device, transmission));
  }

  @Override
  public void listen(BleListener listener) {
    radio.listen(listener);
  }

  @Override
  public RadioState state() {
    return radio.state();
  }

  private <T> Future<T> counted(String operation, Future<T> call) {
    return call.andThen(result -> metrics.radioCall("ble", operation, RadioOutcome.of(result)));
  }
}
