package org.nipcgateway.simulators.ble;

import io.vertx.core.Future;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/** A BLE radio whose peripherals live in memory; operations complete at once. */
public final class SimulatedBleRadio implements BleRadio {
  private final Map<String, Map<GattCharacteristic, SimulatedCharacteristic>> peripherals =
      new ConcurrentHashMap<>();

  /** Adds (or replaces) a characteristic of the peripheral with that MAC address. */
  public void define(
      String mac, GattCharacteristic id, byte[] value, boolean readable, boolean writable) {
    peripherals
        .computeIfAbsent(key(mac), k -> new ConcurrentHashMap<>())
        .put(id, new SimulatedCharacteristic(value, readable, writable));
  }

  @Override
  public Future<byte[]> read(String deviceMac, GattCharacteristic id) {
    try {
      SimulatedCharacteristic characteristic = characteristic(deviceMac, id);
      if (!characteristic.readable()) {
        throw new RadioException(
            Reason.NOT_PERMITTED, id + " of " + deviceMac + " is not readable");
      }
      return Future.succeededFuture(characteristic.value());
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> write(String deviceMac, GattCharacteristic id, byte[] value) {
    try {
      SimulatedCharacteristic characteristic = characteristic(deviceMac, id);
      if (!characteristic.writable()) {
        throw new RadioException(
            Reason.NOT_PERMITTED, id + " of " + deviceMac + " is not writable");
      }
      characteristic.value(value);
      return Future.succeededFuture();
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
  }

  private SimulatedCharacteristic characteristic(String mac, GattCharacteristic id) {
    Map<GattCharacteristic, SimulatedCharacteristic> gatt = peripherals.get(key(mac));
    if (gatt == null) {
      throw new RadioException(Reason.UNKNOWN_DEVICE, "no peripheral " + mac + " in range");
    }
    SimulatedCharacteristic characteristic = gatt.get(id);
    if (characteristic == null) {
      throw new RadioException(Reason.UNKNOWN_TARGET, mac + " has no characteristic " + id);
    }
    return characteristic;
  }

  private static String key(String mac) {
    return mac.toUpperCase(Locale.ROOT);
  }
}
