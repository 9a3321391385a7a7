package org.nipcgateway.simulators.ble;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioDriver;
import org.nipcgateway.core.radio.RadioDriverProvider;

/** The {@code simulated} radio driver; its peripherals come from its settings (see README). */
public final class SimulatedBleDriverProvider implements RadioDriverProvider {

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public Future<RadioDriver> start(Vertx vertx, JsonObject settings) {
    try {
      SimulatedBleRadio radio = new SimulatedBleRadio();
      for (Object device : settings.getJsonArray("devices", new JsonArray())) {
        define(radio, (JsonObject) device);
      }
      return Future.succeededFuture(
          new RadioDriver() {
            @Override
            public Optional<BleRadio> ble() {
              return Optional.of(radio);
            }

            @Override
            public Future<Void> stop() {
              return Future.succeededFuture();
            }
          });
    } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(
          new ConfigException("simulated BLE devices are malformed: " + e.getMessage(), e));
    }
  }

  private static void define(SimulatedBleRadio radio, JsonObject device) {
    String mac = device.getString("mac");
    for (Object entry : device.getJsonArray("characteristics", new JsonArray())) {
      JsonObject c = (JsonObject) entry;
      JsonArray properties = c.getJsonArray("properties", new JsonArray().add("read"));
      radio.define(
          mac,
          new GattCharacteristic(c.getString("service"), c.getString("characteristic")),
          Base64.getDecoder().decode(c.getString("value", "")),
          properties.contains("read"),
          properties.contains("write"));
    }
  }
}
