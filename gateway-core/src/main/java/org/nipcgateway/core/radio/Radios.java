package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;

/**
 * The radios this gateway runs, one driver per protocol family, from the {@code radios} config
 * section:
 *
 * <pre>
 * {@code "radios": { "ble": { "driver": "simulated", ... }, "zigbee": { "driver": "simulated", ... } }}
 * </pre>
 *
 * A family other than these, or a driver named in the configuration but not on the class path,
 * stops the start with a message; nothing is ever replaced by a simulator silently.
 */
public final class Radios {
  private final List<RadioDriver> drivers;
  private final Optional<BleRadio> ble;
  private final Optional<ZigbeeRadio> zigbee;

  private Radios(List<RadioDriver> drivers, Optional<BleRadio> ble, Optional<ZigbeeRadio> zigbee) {
    this.drivers = drivers;
    this.ble = ble;
    this.zigbee = zigbee;
  }

  public static Radios none() {
    return new Radios(List.of(), Optional.empty(), Optional.empty());
  }

  /**
   * Starts the driver each configured family names. Core reads the families and their {@code
   * driver}; the driver reads (and checks) the rest of its family's section.
   */
  public static Future<Radios> start(Vertx vertx, Settings radiosSection) {
    Optional<Settings> bleSettings;
    Optional<Settings> zigbeeSettings;
    try {
      bleSettings = radiosSection.delegatedSection("ble");
      zigbeeSettings = radiosSection.delegatedSection("zigbee");
      radiosSection.rejectUnknownKeys();
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    return driver(vertx, "ble", bleSettings)
        .compose(
            ble ->
                driver(vertx, "zigbee", zigbeeSettings)
                    .map(
                        zigbee -> {
                          List<RadioDriver> drivers = new ArrayList<>();
                          ble.ifPresent(drivers::add);
                          zigbee.ifPresent(drivers::add);
                          return new Radios(
                              drivers,
                              ble.map(d -> d.ble().orElseThrow(() -> noRadio("ble"))),
                              zigbee.map(d -> d.zigbee().orElseThrow(() -> noRadio("zigbee"))));
                        }));
  }

  private static Future<Optional<RadioDriver>> driver(
      Vertx vertx, String family, Optional<Settings> section) {
    if (section.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    Settings settings = section.get();
    try {
      return provider(settings.requiredString("driver"))
          .start(vertx, family, settings)
          .map(Optional::of);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
  }

  private static ConfigException noRadio(String family) {
    return new ConfigException(
        "the driver configured for " + family + " offers no " + family + " radio");
  }

  private static RadioDriverProvider provider(String name) {
    List<String> known = new ArrayList<>();
    for (RadioDriverProvider provider : ServiceLoader.load(RadioDriverProvider.class)) {
      if (provider.name().equals(name)) {
        return provider;
      }
      known.add(provider.name());
    }
    throw new ConfigException(
        "no radio driver named '" + name + "' is installed (installed: " + known + ")");
  }

  /** The BLE radio, when one is configured. */
  public Optional<BleRadio> ble() {
    return ble;
  }

  /** The Zigbee radio, when one is configured. */
  public Optional<ZigbeeRadio> zigbee() {
    return zigbee;
  }

  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (RadioDriver driver : drivers) {
      chain = chain.transform(v -> driver.stop());
    }
    return chain;
  }
}
