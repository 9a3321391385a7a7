package org.nipcgateway.core.radios;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.metrics.GatewayMetrics;
import org.nipcgateway.core.metrics.MeteredBleRadio;
import org.nipcgateway.core.metrics.MeteredZigbeeRadio;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.RadioDriver;
import org.nipcgateway.core.radio.RadioDriverProvider;
import org.nipcgateway.core.radio.RadioEnvironment;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.fault.Fault;
import org.nipcgateway.core.radio.fault.FaultInjectingBleRadio;
import org.nipcgateway.core.radio.fault.FaultInjectingZigbeeRadio;
import org.nipcgateway.core.radio.fault.FaultInjection;

/**
 * The radios this gateway runs, one driver per protocol family, from the {@code radios} config
 * section:
 *
 * <pre>
 * {@code "radios": { "ble": { "driver": "simulated", ... }, "zigbee": { "driver": "simulated", ... } }}
 * </pre>
 *
 * A family other than these, or a driver named in the configuration but not on the class path,
 * stops the start with a message; nothing is ever replaced by a simulator silently. Each family's
 * radio may be wrapped in a fault-injecting decorator ({@code "faultInjection": true}, or initial
 * {@code latencyMs} and {@code faults}; on by default for test-bench drivers).
 */
public final class Radios {
  private final List<RadioDriver> drivers;
  private final Optional<Family<BleRadio>> ble;
  private final Optional<Family<ZigbeeRadio>> zigbee;

  /**
   * One family's radio: the driver that runs it, the radio the gateway uses (the driver's own, or
   * the fault-injecting decorator around it), the driver's own, the fault injection if any, and the
   * started driver (for its health details).
   */
  public record Family<R>(
      String driver,
      R radio,
      R driverRadio,
      Optional<FaultInjection> faults,
      RadioDriver started) {}

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

  /**
   * Starts the driver each configured family names. Core reads the families, their {@code driver}
   * and the fault-injection keys; the driver reads (and checks) the rest of its family's section.
   */
  public static Future<Radios> start(Vertx vertx, Settings radiosSection) {
    return start(vertx, radiosSection, Optional.empty());
  }

  /** As {@link #start(Vertx, Settings)}, lending the drivers the gateway's environment. */
  public static Future<Radios> start(
      Vertx vertx, Settings radiosSection, Optional<RadioEnvironment> environment) {
    return start(vertx, radiosSection, environment, GatewayMetrics.none());
  }

  /**
   * As {@link #start(Vertx, Settings, Optional)}, every radio call counted in {@code metrics} (the
   * outermost decorator, so that injected faults count as what the engine saw).
   */
  public static Future<Radios> start(
      Vertx vertx,
      Settings radiosSection,
      Optional<RadioEnvironment> environment,
      GatewayMetrics metrics) {
    Optional<Settings> bleSettings;
    Optional<Settings> zigbeeSettings;
    try {
      bleSettings = radiosSection.delegatedSection("ble");
      zigbeeSettings = radiosSection.delegatedSection("zigbee");
      radiosSection.rejectUnknownKeys();
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    List<RadioDriver> drivers = new ArrayList<>();
    return family(vertx, "ble", bleSettings, drivers, environment)
        .compose(
            ble ->
                family(vertx, "zigbee", zigbeeSettings, drivers, environment)
                    .map(
                        zigbee ->
                            new Radios(
                                drivers,
                                ble.map(started -> bleFamily(started, metrics)),
                                zigbee.map(started -> zigbeeFamily(started, metrics)))))
        .recover(
            e -> {
              Radios started = new Radios(drivers, Optional.empty(), Optional.empty());
              return started.stop().transform(v -> Future.failedFuture(e));
            });
  }

  /** A started driver, before its radio is decorated. */
  private record Started(String driver, RadioDriver started, Optional<FaultInjection> faults) {}

  private static Future<Optional<Started>> family(
      Vertx vertx,
      String family,
      Optional<Settings> section,
      List<RadioDriver> drivers,
      Optional<RadioEnvironment> environment) {
    if (section.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    Settings settings = section.get();
    try {
      String name = settings.requiredString("driver");
      RadioDriverProvider provider = provider(family, name);
      Optional<FaultInjection> faults = faults(vertx, family, settings, provider.testBench());
      Future<RadioDriver> started =
          environment.isPresent()
              ? provider.start(vertx, family, settings, environment.get())
              : provider.start(vertx, family, settings);
      return started.map(
          driver -> {
            drivers.add(driver);
            return Optional.of(new Started(name, driver, faults));
          });
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
  }

  private static Family<BleRadio> bleFamily(Started started, GatewayMetrics metrics) {
    BleRadio radio = started.started().ble().orElseThrow(() -> noRadio("ble"));
    BleRadio used =
        started.faults().<BleRadio>map(f -> new FaultInjectingBleRadio(radio, f)).orElse(radio);
    return new Family<>(
        started.driver(),
        new MeteredBleRadio(used, metrics),
        radio,
        started.faults(),
        started.started());
  }

  private static Family<ZigbeeRadio> zigbeeFamily(Started started, GatewayMetrics metrics) {
    ZigbeeRadio radio = started.started().zigbee().orElseThrow(() -> noRadio("zigbee"));
    ZigbeeRadio used =
        started
            .faults()
            .<ZigbeeRadio>map(f -> new FaultInjectingZigbeeRadio(radio, f))
            .orElse(radio);
    return new Family<>(
        started.driver(),
        new MeteredZigbeeRadio(used, metrics),
        radio,
        started.faults(),
        started.started());
  }

  /**
   * The fault injection a family's section asks for: {@code faultInjection} (default: on for test
   * benches, or when {@code latencyMs} or {@code faults} are given), {@code latencyMs} (one number
   * for every operation, or an object by operation name) and the initial {@code faults}.
   */
  private static Optional<FaultInjection> faults(
      Vertx vertx, String family, Settings settings, boolean testBench) {
    boolean configured = settings.has("latencyMs") || settings.has("faults");
    if (!settings.flag("faultInjection", testBench || configured)) {
      if (configured) {
        throw settings.invalid("faultInjection", "is false, but latencyMs or faults are given");
      }
      return Optional.empty();
    }
    FaultInjection faults = new FaultInjection(vertx, family);
    if (settings.isSection("latencyMs")) {
      Settings perOperation = settings.section("latencyMs");
      for (String operation : perOperation.keys()) {
        faults.latency().set(operation, perOperation.longValue(operation, 0, 0, Long.MAX_VALUE));
      }
    } else if (settings.has("latencyMs")) {
      faults.latency().set("*", settings.longValue("latencyMs", 0, 0, Long.MAX_VALUE));
    }
    for (Settings fault : settings.sections("faults")) {
      Optional<Integer> status = fault.optionalInteger("status", 1, 0xFF);
      try {
        faults
            .plan()
            .add(
                fault.string("operation", "*"),
                fault.optionalString("device"),
                kind(fault),
                fault.integer("times", -1, -1, Integer.MAX_VALUE),
                fault.integer("after", 0, 0, Integer.MAX_VALUE),
                status.map(OptionalInt::of).orElse(OptionalInt.empty()));
      } catch (IllegalArgumentException e) {
        throw fault.invalid("status", e.getMessage());
      }
    }
    return Optional.of(faults);
  }

  private static Fault.Kind kind(Settings fault) {
    try {
      return Fault.Kind.parse(fault.requiredString("fault"));
    } catch (IllegalArgumentException e) {
      throw fault.invalid("fault", e.getMessage());
    }
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
    ble.ifPresent(f -> statuses.add(status("ble", f)));
    zigbee.ifPresent(f -> statuses.add(status("zigbee", f)));
    return statuses;
  }

  private static RadioStatus status(String family, Family<?> f) {
    RadioState state =
        f.radio() instanceof BleRadio ble ? ble.state() : ((ZigbeeRadio) f.radio()).state();
    return new RadioStatus(family, f.driver(), state, f.started().details());
  }

  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (RadioDriver driver : drivers) {
      chain = chain.transform(v -> driver.stop());
    }
    return chain;
  }
}
