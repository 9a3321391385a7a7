package org.nipcgateway.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
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
  public Future<RadioDriver> start(Vertx vertx, String family, Settings settings) {
    try {
      List<Settings> devices = settings.sections("devices");
      Latency latency = latency(vertx, settings);
      FaultPlan faults = faults(family, settings.sections("faults"));
      RadioDriver driver =
          switch (family) {
            case "ble" ->
                ble(vertx, settings, devices, new SimulatedOperations(family, latency, faults));
            case "zigbee" ->
                zigbee(vertx, devices, new SimulatedOperations(family, latency, faults));
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

  private static RadioDriver ble(
      Vertx vertx, Settings settings, List<Settings> devices, SimulatedOperations operations) {
    SimulatedBleRadio radio =
        new SimulatedBleRadio(
            vertx,
            settings.integer("slots", DEFAULT_SLOTS, 0, Integer.MAX_VALUE),
            settings.longValue(
                "advertisingIntervalMs", DEFAULT_ADVERTISING_INTERVAL_MS, 1, Long.MAX_VALUE),
            operations);
    for (Settings device : devices) {
      String mac = device.requiredString("mac");
      radio.addPeripheral(
          mac,
          device.choice("pairing", BleBonding.NONE),
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

      @Override
      public Future<Void> stop() {
        radio.stop();
        return Future.succeededFuture();
      }
    };
  }

  private static RadioDriver zigbee(
      Vertx vertx, List<Settings> devices, SimulatedOperations operations) {
    SimulatedZigbeeNetwork network = new SimulatedZigbeeNetwork(vertx, operations);
    for (Settings device : devices) {
      String eui64 = device.requiredString("eui64");
      for (Settings a : device.sections("attributes")) {
        network.define(
            eui64,
            a.requiredInteger("endpoint", 0, 255),
            a.requiredInteger("cluster", 0, 0xFFFF),
            a.requiredInteger("attribute", 0, 0xFFFF),
            a.requiredInteger("type", 0, 0xFF),
            bytes(a, "value"),
            a.flag("writable", false));
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
  private static Latency latency(Vertx vertx, Settings settings) {
    Latency latency = new Latency(vertx);
    if (settings.isSection("latencyMs")) {
      Settings perOperation = settings.section("latencyMs");
      for (String operation : perOperation.keys()) {
        latency.set(operation, perOperation.longValue(operation, 0, 0, Long.MAX_VALUE));
      }
    } else if (settings.has("latencyMs")) {
      latency.set("*", settings.longValue("latencyMs", 0, 0, Long.MAX_VALUE));
    }
    return latency;
  }

  private static FaultPlan faults(String family, List<Settings> settings) {
    FaultPlan plan = new FaultPlan();
    for (Settings fault : settings) {
      plan.add(
          family,
          fault.string("operation", "*"),
          fault.optionalString("device"),
          kind(fault),
          fault.integer("times", -1, -1, Integer.MAX_VALUE));
    }
    return plan;
  }

  private static Fault.Kind kind(Settings fault) {
    try {
      return Fault.Kind.parse(fault.requiredString("fault"));
    } catch (IllegalArgumentException e) {
      throw fault.invalid("fault", e.getMessage());
    }
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
