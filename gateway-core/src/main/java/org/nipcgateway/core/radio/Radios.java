package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.nipcgateway.core.config.ConfigException;

/**
 * The radios this gateway runs, started from the {@code radios} config section:
 *
 * <pre>{@code "radios": { "ble": { "driver": "simulated", ... driver settings ... } }}</pre>
 *
 * A driver named in the configuration but not on the class path stops the start with a message;
 * nothing is ever replaced by a simulator silently.
 */
public final class Radios {
  private final List<RadioDriver> drivers;
  private final Optional<BleRadio> ble;

  private Radios(List<RadioDriver> drivers, Optional<BleRadio> ble) {
    this.drivers = drivers;
    this.ble = ble;
  }

  public static Radios none() {
    return new Radios(List.of(), Optional.empty());
  }

  public static Future<Radios> start(Vertx vertx, JsonObject radiosSection) {
    JsonObject bleSettings = radiosSection.getJsonObject("ble");
    if (bleSettings == null) {
      return Future.succeededFuture(none());
    }
    String name = bleSettings.getString("driver");
    RadioDriverProvider provider = provider(name);
    return provider
        .start(vertx, bleSettings)
        .map(
            driver -> {
              List<RadioDriver> drivers = new ArrayList<>(List.of(driver));
              return new Radios(
                  drivers,
                  Optional.of(
                      driver
                          .ble()
                          .orElseThrow(
                              () ->
                                  new ConfigException(
                                      "radio driver '" + name + "' has no BLE radio"))));
            });
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

  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (RadioDriver driver : drivers) {
      chain = chain.transform(v -> driver.stop());
    }
    return chain;
  }
}
