package org.nipcgateway.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioDriver;
import org.nipcgateway.core.radio.RadioDriverProvider;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.simulators.ble.SimulatedBleRadio;
import org.nipcgateway.simulators.zigbee.FleetNodes;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork;

/**
 * The {@code simulated} driver for BLE and Zigbee; its devices come from its settings
 * (simulators/README.md). Latency and faults are the gateway's fault injection, on by default for
 * this test bench.
 */
public final class SimulatedDriverProvider implements RadioDriverProvider {
  private static final int DEFAULT_SLOTS = 5;
  private static final long DEFAULT_ADVERTISING_INTERVAL_MS = 1000;

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public boolean testBench() {
    return true;
  }

  @Override
  public Future<RadioDriver> start(Vertx vertx, String family, Settings settings) {
    try {
      List<Settings> devices = settings.sections("devices");
      RadioDriver driver =
          switch (family) {
            case "ble" -> ble(vertx, settings, devices);
            case "zigbee" -> zigbee(vertx, devices);
            default ->
                throw new ConfigException("the simulated driver has no " + family + " radio");
          };
      try {
        settings.rejectUnknownKeys();
      } catch (ConfigException e) {
        driver.stop();
        throw e;
      }
      return Future.succeededFuture(driver);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(
          new ConfigException(
              "simulated " + family + " settings are malformed: " + e.getMessage(), e));
    }
  }

  private static RadioDriver ble(Vertx vertx, Settings settings, List<Settings> devices) {
    SimulatedBleRadio radio =
        new SimulatedBleRadio(
            vertx,
            settings.integer("slots", DEFAULT_SLOTS, 0, Integer.MAX_VALUE),
            settings.longValue(
                "advertisingIntervalMs", DEFAULT_ADVERTISING_INTERVAL_MS, 1, Long.MAX_VALUE));
    for (Settings device : devices) {
      BleAddress mac = address(device);
      radio.addPeripheral(
          mac,
          device.choice("pairing", BleBonding.NONE),
          optional(device.optionalInteger("passkey", 0, 999_999)),
          device.integer("rssi", -60, -127, 20),
          bytes(device, "advertisingData"));
      for (Settings c : device.sections("characteristics")) {
        radio.define(
            mac,
            new GattCharacteristic(c.requiredString("service"), c.requiredString("characteristic")),
            bytes(c, "value"),
            new HashSet<>(c.strings("properties", List.of("read"))),
            c.strings("descriptors", List.of()),
            c.longValue("notifyIntervalMs", 0L, 0, Long.MAX_VALUE),
            c.flag("notifyCounter", false));
      }
    }
    return new RadioDriver() {
      @Override
      public Optional<BleRadio> ble() {
        return Optional.of(radio);
      }

      /** The simulated adapter's connection slots, as the bluez driver shows its own. */
      @Override
      public java.util.Map<String, Object> details() {
        java.util.Map<String, Object> slots = new java.util.LinkedHashMap<>();
        slots.put("limit", radio.slots());
        slots.put("inUse", radio.slotsInUse());
        return java.util.Map.of("connectionSlots", slots);
      }

      @Override
      public Future<Void> stop() {
        radio.stop();
        return Future.succeededFuture();
      }
    };
  }

  private static RadioDriver zigbee(Vertx vertx, List<Settings> devices) {
    SimulatedZigbeeNetwork network = new SimulatedZigbeeNetwork(vertx);
    FleetNodes.load(network, devices);
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

  private static BleAddress address(Settings device) {
    try {
      return BleAddress.parse(device.requiredString("mac"));
    } catch (IllegalArgumentException e) {
      throw device.invalid("mac", e.getMessage());
    }
  }

  private static OptionalInt optional(Optional<Integer> value) {
    return value.map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  /** A base64 value; empty when not set. */
  private static byte[] bytes(Settings item, String key) {
    try {
      return Base64.getDecoder().decode(item.string(key, ""));
    } catch (IllegalArgumentException e) {
      throw item.invalid(key, "must be base64: " + e.getMessage());
    }
  }
}
