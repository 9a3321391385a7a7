package org.nipcgateway.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioDriver;
import org.nipcgateway.core.radio.RadioDriverProvider;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.simulators.ble.SimulatedBleRadio;
import org.nipcgateway.simulators.fault.Fault;
import org.nipcgateway.simulators.fault.FaultPlan;
import org.nipcgateway.simulators.fault.Latency;
import org.nipcgateway.simulators.fault.SimulatedOperations;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork;

/**
 * The {@code simulated} driver for BLE and Zigbee; its devices, latency and faults come from its
 * settings (simulators/README.md).
 */
public final class SimulatedDriverProvider implements RadioDriverProvider {
  private static final int DEFAULT_SLOTS = 5;
  private static final long DEFAULT_ADVERTISING_INTERVAL_MS = 1000;

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public Future<RadioDriver> start(Vertx vertx, String family, JsonObject settings) {
    try {
      JsonArray devices = settings.getJsonArray("devices", new JsonArray());
      Latency latency = latency(vertx, settings.getValue("latencyMs"));
      FaultPlan faults = faults(family, settings.getJsonArray("faults", new JsonArray()));
      RadioDriver driver =
          switch (family) {
            case "ble" ->
                ble(vertx, settings, devices, new SimulatedOperations(family, latency, faults));
            case "zigbee" ->
                zigbee(vertx, devices, new SimulatedOperations(family, latency, faults));
            default ->
                throw new ConfigException("the simulated driver has no " + family + " radio");
          };
      return Future.succeededFuture(driver);
    } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(
          new ConfigException(
              "simulated " + family + " settings are malformed: " + e.getMessage(), e));
    }
  }

  private static RadioDriver ble(
      Vertx vertx, JsonObject settings, JsonArray devices, SimulatedOperations operations) {
    SimulatedBleRadio radio =
        new SimulatedBleRadio(
            vertx,
            settings.getInteger("slots", DEFAULT_SLOTS),
            settings.getLong("advertisingIntervalMs", DEFAULT_ADVERTISING_INTERVAL_MS),
            operations);
    for (Object item : devices) {
      JsonObject device = (JsonObject) item;
      String mac = device.getString("mac");
      radio.addPeripheral(
          mac,
          BleBonding.valueOf(device.getString("pairing", "none").toUpperCase(Locale.ROOT)),
          device.getInteger("rssi", -60),
          bytes(device.getString("advertisingData", "")));
      for (Object entry : device.getJsonArray("characteristics", new JsonArray())) {
        JsonObject c = (JsonObject) entry;
        radio.define(
            mac,
            new GattCharacteristic(c.getString("service"), c.getString("characteristic")),
            bytes(c.getString("value", "")),
            new HashSet<>(strings(c.getJsonArray("properties", new JsonArray().add("read")))),
            strings(c.getJsonArray("descriptors", new JsonArray())),
            c.getLong("notifyIntervalMs", 0L),
            c.getBoolean("notifyCounter", false));
      }
    }
    return new RadioDriver() {
      @Override
      public Optional<BleRadio> ble() {
        return Optional.of(radio);
      }

      @Override
      public Future<Void> stop() {
        radio.stop();
        return Future.succeededFuture();
      }
    };
  }

  private static RadioDriver zigbee(
      Vertx vertx, JsonArray devices, SimulatedOperations operations) {
    SimulatedZigbeeNetwork network = new SimulatedZigbeeNetwork(vertx, operations);
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
            bytes(a.getString("value", "")),
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

  /** {@code latencyMs}: one number for every operation, or an object by operation name. */
  private static Latency latency(Vertx vertx, Object setting) {
    Latency latency = new Latency(vertx);
    if (setting instanceof Number millis) {
      latency.set("*", millis.longValue());
    } else if (setting instanceof JsonObject perOperation) {
      perOperation.forEach(e -> latency.set(e.getKey(), ((Number) e.getValue()).longValue()));
    } else if (setting != null) {
      throw new IllegalArgumentException("latencyMs must be a number or an object");
    }
    return latency;
  }

  private static FaultPlan faults(String family, JsonArray settings) {
    FaultPlan plan = new FaultPlan();
    for (Object item : settings) {
      JsonObject fault = (JsonObject) item;
      plan.add(
          family,
          fault.getString("operation", "*"),
          Optional.ofNullable(fault.getString("device")),
          Fault.Kind.parse(fault.getString("fault")),
          fault.getInteger("times", -1));
    }
    return plan;
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String.class::cast).toList();
  }

  private static byte[] bytes(String base64) {
    return Base64.getDecoder().decode(base64);
  }
}
