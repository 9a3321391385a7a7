package org.nipcgateway.core.nipc.operation;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.BiFunction;
import org.nipcgateway.core.device.BleIdentity;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.nipc.link.BleConnections;
import org.nipcgateway.core.nipc.link.RadioCalls;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeRadio;

/**
 * How an operation reaches a device: over a BLE link (the open one or one opened for the operation)
 * or straight through the Zigbee coordinator, each call bounded by the operation timeout.
 */
public final class RadioAccess {
  private final RadioCalls calls;
  private final BleConnections links;

  public RadioAccess(RadioCalls calls, BleConnections links) {
    this.calls = calls;
    this.links = links;
  }

  public <T> Future<T> ble(
      DeviceRecord device, BiFunction<BleRadio, BleAddress, Future<T>> operation) {
    BleRadio radio = calls.ble();
    BleIdentity ble = device.ble().orElseThrow();
    return links.using(
        ble.connectRequest(), address -> calls.bounded(operation.apply(radio, address)));
  }

  public <T> Future<T> zigbee(
      DeviceRecord device, BiFunction<ZigbeeRadio, Eui64, Future<T>> operation) {
    ZigbeeRadio radio = calls.zigbee();
    return calls.bounded(operation.apply(radio, device.zigbee().orElseThrow()));
  }

  /**
   * Writes a characteristic as the protocol map asks ({@code requested}), else the way it accepts
   * writes: a write command when discovery found it takes only those ({@code write-no-response}),
   * else a write request.
   */
  public Future<DeviceAnswer<Void>> bleWrite(
      DeviceRecord device,
      GattCharacteristic characteristic,
      byte[] value,
      Optional<BleWriteType> requested) {
    BleAddress address = device.ble().orElseThrow().address();
    BleWriteType type =
        requested.orElseGet(
            () ->
                links
                    .flags(address, characteristic)
                    .map(
                        flags ->
                            flags.contains("write") || !flags.contains("write-no-response")
                                ? BleWriteType.REQUEST
                                : BleWriteType.COMMAND)
                    .orElse(BleWriteType.REQUEST));
    return ble(device, (radio, mac) -> radio.write(mac, characteristic, value, type));
  }

  public RadioCalls calls() {
    return calls;
  }

  public BleConnections links() {
    return links;
  }
}
