package org.nipcgateway.simulators;

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
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.simulators.ble.SimulatedBleRadio;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork;

/** The {@code simulated} driver for BLE and Zigbee; its devices come from its settings (README). */
public final class SimulatedDriverProvider implements RadioDriverProvider {

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public Future<RadioDriver> start(Vertx vertx, String family, JsonObject settings) {
    try {
      JsonArray devices = settings.getJsonArray("devices", new JsonArray());
      RadioDriver driver =
          switch (family) {
            case "ble" -> ble(devices);
            case "zigbee" -> zigbee(devices);
            default ->
                throw new ConfigException("the simulated driver has no " + family + " radio");
          };
      return Future.succeededFuture(driver);
    } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(
          new ConfigException(
              "simulated " + family + " devices are malformed: " + e.getMessage(), e));
    }
  }

  private static RadioDriver ble(JsonArray devices) {
    SimulatedBleRadio radio = new SimulatedBleRadio();
    for (Object item : devices) {
      JsonObject device = (JsonObject) item;
      for (Object entry : device.getJsonArray("characteristics", new JsonArray())) {
        JsonObject c = (JsonObject) entry;
        JsonArray properties = c.getJsonArray("properties", new JsonArray().add("read"));
        radio.define(
            device.getString("mac"),
            new GattCharacteristic(c.getString("service"), c.getString("characteristic")),
            Base64.getDecoder().decode(c.getString("value", "")),
            properties.contains("read"),
            properties.contains("write"));
      }
    }
    return new RadioDriver() {
      @Override
      public Optional<BleRadio> ble() {
        return Optional.of(radio);
      }

      @Override
      public Future<Void> stop() {
        return Future.succeededFuture();
      }
    };
  }

  private static RadioDriver zigbee(JsonArray devices) {
    SimulatedZigbeeNetwork network = new SimulatedZigbeeNetwork();
    for (Object item : devices) {
      JsonObject device = (JsonObject) item;
      for (Object entry : device.getJsonArray("attributes", new JsonArray())) {
        JsonObject a = (JsonObject) entry;
        network.define(
            device.getString("eui64"),
            a.getInteger("endpoint"),
            a.getInteger("cluster"),
            a.getInteger("attribute"),
            a.getInteger("type"),
            Base64.getDecoder().decode(a.getString("value", "")),
            a.getBoolean("writable", false));
      }
    }
    return new RadioDriver() {
      @Override
      public Optional<ZigbeeRadio> zigbee() {
        return Optional.of(network);
      }

      @Override
      public Future<Void> stop() {
        return Future.succeededFuture();
      }
    };
  }
}
