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
import java.util.OptionalInt;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioDriver;
import org.nipcgateway.core.radio.RadioDriverProvider;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.simulators.ble.SimulatedBleRadio;
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

  /** The simulator is a test bench: the gateway injects faults into it unless told otherwise. */
  @Override
  public boolean testBench() {
    return true;
  }

  @Override
  public Future<RadioDriver> start(Vertx vertx, String family, JsonObject settings) {
    try {
      JsonArray devices = settings.getJsonArray("devices", new JsonArray());
      RadioDriver driver =
          switch (family) {
            case "ble" -> ble(vertx, settings, devices);
            case "zigbee" -> zigbee(vertx, devices);
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

  private static RadioDriver ble(Vertx vertx, JsonObject settings, JsonArray devices) {
    SimulatedBleRadio radio =
        new SimulatedBleRadio(
            vertx,
            settings.getInteger("slots", DEFAULT_SLOTS),
            settings.getLong("advertisingIntervalMs", DEFAULT_ADVERTISING_INTERVAL_MS));
    for (Object item : devices) {
      JsonObject device = (JsonObject) item;
      BleAddress mac = BleAddress.parse(device.getString("mac"));
      Integer passkey = device.getInteger("passkey");
      radio.addPeripheral(
          mac,
          BleBonding.valueOf(device.getString("pairing", "none").toUpperCase(Locale.ROOT)),
          passkey == null ? OptionalInt.empty() : OptionalInt.of(passkey),
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

  private static RadioDriver zigbee(Vertx vertx, JsonArray devices) {
    SimulatedZigbeeNetwork network = new SimulatedZigbeeNetwork(vertx);
    for (Object item : devices) {
      JsonObject device = (JsonObject) item;
      Eui64 eui64 = Eui64.parse(device.getString("eui64"));
      network.addNode(
          eui64,
          device.getInteger("profile", ZigbeeAttribute.HOME_AUTOMATION),
          !device.getBoolean("joinsOnPermit", false));
      for (Object entry : device.getJsonArray("attributes", new JsonArray())) {
        JsonObject a = (JsonObject) entry;
        Integer manufacturer = a.getInteger("manufacturerCode");
        network.define(
            eui64,
            a.getInteger("endpoint"),
            a.getInteger("cluster"),
            a.getInteger("attribute"),
            manufacturer == null ? OptionalInt.empty() : OptionalInt.of(manufacturer),
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

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String.class::cast).toList();
  }

  private static byte[] bytes(String base64) {
    return Base64.getDecoder().decode(base64);
  }
}
