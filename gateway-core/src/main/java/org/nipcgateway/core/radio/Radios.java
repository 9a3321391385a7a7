package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.radio.fault.Fault;
import org.nipcgateway.core.radio.fault.FaultInjectingBleRadio;
import org.nipcgateway.core.radio.fault.FaultInjectingZigbeeRadio;
import org.nipcgateway.core.radio.fault.FaultInjection;

/**
 * The radios this gateway runs, one driver per protocol family, from the {@code radios} config
 * section:
 *
 * <pre>
 * {@code "radios": { "ble": { "driver": "simulated", ... }, "zigbee": { "driver": "bluez", ... } }}
 * </pre>
 *
 * A driver named in the configuration but not on the class path stops the start with a message;
 * nothing is ever replaced by a simulator silently. Each family's radio may be wrapped in a
 * fault-injecting decorator ({@code "faultInjection": true}, or initial {@code latencyMs} and
 * {@code faults}; on by default for test-bench drivers).
 */
public final class Radios {
  private static final List<String> CORE_KEYS =
      List.of("driver", "faultInjection", "latencyMs", "faults");

  private final List<RadioDriver> drivers;
  private final Optional<Family<BleRadio>> ble;
  private final Optional<Family<ZigbeeRadio>> zigbee;

  /**
   * One family's radio: the driver that runs it, the radio the gateway uses (the driver's own, or
   * the fault-injecting decorator around it), the driver's own, and the fault injection if any.
   */
  public record Family<R>(String driver, R radio, R driverRadio, Optional<FaultInjection> faults) {}

  private Radios(
      List<RadioDriver> drivers,
      Optional<Family<BleRadio>> ble,
      Optional<Family<ZigbeeRadio>> zigbee) {
    this.drivers = drivers;
    this.ble = ble;
    this.zigbee = zigbee;
  }

  public static Radios none() {
    return new Radios(List.of(), Optional.empty(), Optional.empty());
  }

  public static Future<Radios> start(Vertx vertx, JsonObject radiosSection) {
    for (String family : radiosSection.fieldNames()) {
      if (!family.equals("ble") && !family.equals("zigbee")) {
        return Future.failedFuture(
            new ConfigException("unknown radio family 'radios." + family + "' (ble, zigbee)"));
      }
    }
    List<RadioDriver> drivers = new ArrayList<>();
    return family(vertx, "ble", radiosSection, drivers)
        .compose(
            ble ->
                family(vertx, "zigbee", radiosSection, drivers)
                    .map(
                        zigbee ->
                            new Radios(
                                drivers,
                                ble.map(f -> bleFamily(vertx, f)),
                                zigbee.map(f -> zigbeeFamily(vertx, f)))))
        .recover(
            e -> {
              Radios started = new Radios(drivers, Optional.empty(), Optional.empty());
              return started.stop().transform(v -> Future.failedFuture(e));
            });
  }

  /** A started driver, before its radio is decorated. */
  private record Started(
      String driver, RadioDriver started, JsonObject settings, boolean injectFaults) {}

  private static Future<Optional<Started>> family(
      Vertx vertx, String family, JsonObject section, List<RadioDriver> drivers) {
    JsonObject settings = section.getJsonObject(family);
    if (settings == null) {
      return Future.succeededFuture(Optional.empty());
    }
    try {
      String name = settings.getString("driver");
      RadioDriverProvider provider = provider(family, name);
      boolean inject =
          settings.getBoolean(
              "faultInjection",
              provider.testBench()
                  || settings.containsKey("latencyMs")
                  || settings.containsKey("faults"));
      JsonObject driverSettings = settings.copy();
      CORE_KEYS.forEach(driverSettings::remove);
      return provider
          .start(vertx, family, driverSettings)
          .map(
              driver -> {
                drivers.add(driver);
                return Optional.of(new Started(name, driver, settings, inject));
              });
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    } catch (ClassCastException e) {
      return Future.failedFuture(
          new ConfigException("radios." + family + " has a value of the wrong type", e));
    }
  }

  private static Family<BleRadio> bleFamily(Vertx vertx, Started started) {
    BleRadio radio = started.started().ble().orElseThrow(() -> noRadio("ble"));
    if (!started.injectFaults()) {
      return new Family<>(started.driver(), radio, radio, Optional.empty());
    }
    FaultInjection faults = faults(vertx, "ble", started.settings());
    return new Family<>(
        started.driver(), new FaultInjectingBleRadio(radio, faults), radio, Optional.of(faults));
  }

  private static Family<ZigbeeRadio> zigbeeFamily(Vertx vertx, Started started) {
    ZigbeeRadio radio = started.started().zigbee().orElseThrow(() -> noRadio("zigbee"));
    if (!started.injectFaults()) {
      return new Family<>(started.driver(), radio, radio, Optional.empty());
    }
    FaultInjection faults = faults(vertx, "zigbee", started.settings());
    return new Family<>(
        started.driver(), new FaultInjectingZigbeeRadio(radio, faults), radio, Optional.of(faults));
  }

  /** {@code latencyMs}: one number for every operation, or an object by operation name. */
  private static FaultInjection faults(Vertx vertx, String family, JsonObject settings) {
    FaultInjection faults = new FaultInjection(vertx, family);
    Object latency = settings.getValue("latencyMs");
    try {
      if (latency instanceof Number millis) {
        faults.latency().set("*", millis.longValue());
      } else if (latency instanceof JsonObject perOperation) {
        perOperation.forEach(
            e -> faults.latency().set(e.getKey(), ((Number) e.getValue()).longValue()));
      } else if (latency != null) {
        throw new ConfigException("radios." + family + ".latencyMs must be a number or an object");
      }
      for (Object item : settings.getJsonArray("faults", new JsonArray())) {
        JsonObject fault = (JsonObject) item;
        faults
            .plan()
            .add(
                fault.getString("operation", "*"),
                Optional.ofNullable(fault.getString("device")),
                Fault.Kind.parse(fault.getString("fault")),
                fault.getInteger("times", -1));
      }
    } catch (ClassCastException | IllegalArgumentException e) {
      throw new ConfigException(
          "radios." + family + " fault injection settings are malformed: " + e.getMessage(), e);
    }
    return faults;
  }

  private static ConfigException noRadio(String family) {
    return new ConfigException(
        "the driver configured for " + family + " offers no " + family + " radio");
  }

  private static RadioDriverProvider provider(String family, String name) {
    List<String> known = new ArrayList<>();
    for (RadioDriverProvider provider : ServiceLoader.load(RadioDriverProvider.class)) {
      if (provider.name().equals(name)) {
        return provider;
      }
      known.add(provider.name());
    }
    throw new ConfigException(
        "no radio driver named '"
            + name
            + "' is installed for radios."
            + family
            + " (installed: "
            + known
            + ")");
  }

  /** The BLE radio, when one is configured. */
  public Optional<BleRadio> ble() {
    return ble.map(Family::radio);
  }

  /** The Zigbee radio, when one is configured. */
  public Optional<ZigbeeRadio> zigbee() {
    return zigbee.map(Family::radio);
  }

  public Optional<Family<BleRadio>> bleFamily() {
    return ble;
  }

  public Optional<Family<ZigbeeRadio>> zigbeeFamily() {
    return zigbee;
  }

  /** Each configured family's driver and state, for health reports. */
  public List<RadioStatus> statuses() {
    List<RadioStatus> statuses = new ArrayList<>();
    ble.ifPresent(f -> statuses.add(new RadioStatus("ble", f.driver(), f.radio().state())));
    zigbee.ifPresent(f -> statuses.add(new RadioStatus("zigbee", f.driver(), f.radio().state())));
    return statuses;
  }

  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (RadioDriver driver : drivers) {
      chain = chain.transform(v -> driver.stop());
    }
    return chain;
  }
}
