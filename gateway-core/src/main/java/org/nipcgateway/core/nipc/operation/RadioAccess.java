package org.nipcgateway.core.nipc.operation;

import io.vertx.core.Future;
import java.util.function.BiFunction;
import org.nipcgateway.core.nipc.connection.BleConnections;
import org.nipcgateway.core.radio.BleRadio;
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

  public <T> Future<T> ble(NipcDevice device, BiFunction<BleRadio, String, Future<T>> operation) {
    BleRadio radio = calls.ble();
    String mac = device.bleMac().orElseThrow();
    return links.using(mac, device.blePairing(), m -> calls.bounded(operation.apply(radio, m)));
  }

  public <T> Future<T> zigbee(
      NipcDevice device, BiFunction<ZigbeeRadio, String, Future<T>> operation) {
    ZigbeeRadio radio = calls.zigbee();
    return calls.bounded(operation.apply(radio, device.zigbeeEui64().orElseThrow()));
  }

  /**
   * Writes a characteristic the way it accepts writes: a write command when discovery found it
   * takes only those ({@code write-no-response}), else a write request.
   */
  public Future<Void> bleWrite(NipcDevice device, GattCharacteristic characteristic, byte[] value) {
    boolean withResponse =
        links
            .flags(device.bleMac().orElseThrow(), characteristic)
            .map(flags -> flags.contains("write") || !flags.contains("write-no-response"))
            .orElse(true);
    return ble(device, (radio, mac) -> radio.write(mac, characteristic, value, withResponse));
  }

  public RadioCalls calls() {
    return calls;
  }

  public BleConnections links() {
    return links;
  }
}
