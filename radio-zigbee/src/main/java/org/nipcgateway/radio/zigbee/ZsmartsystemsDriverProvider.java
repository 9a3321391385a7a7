package org.nipcgateway.radio.zigbee;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.radio.RadioDriver;
import org.nipcgateway.core.radio.RadioDriverProvider;
import org.nipcgateway.core.radio.RadioEnvironment;
import org.nipcgateway.core.radio.ZigbeeRadio;

/**
 * The {@code zsmartsystems} driver: Zigbee on the zsmartsystems stack, on the dongle {@code
 * radios.zigbee.dongle} names (radio-zigbee/README.md lists the settings). The network is kept
 * under {@code <data dir>/zigbee}.
 */
public final class ZsmartsystemsDriverProvider implements RadioDriverProvider {

  @Override
  public String name() {
    return "zsmartsystems";
  }

  @Override
  public Future<RadioDriver> start(Vertx vertx, String family, Settings settings) {
    return Future.failedFuture(
        new ConfigException("the zsmartsystems driver needs the gateway's data dir"));
  }

  @Override
  public Future<RadioDriver> start(
      Vertx vertx, String family, Settings settings, RadioEnvironment environment) {
    ZigbeeDongleFactory.Dongle dongle;
    NetworkSettings network;
    try {
      if (!family.equals("zigbee")) {
        throw new ConfigException("the zsmartsystems driver has no " + family + " radio");
      }
      dongle = factory(settings).configure(settings);
      network = network(settings);
      settings.rejectUnknownKeys();
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(
          new ConfigException("radios.zigbee settings are malformed: " + e.getMessage(), e));
    }
    return vertx
        .executeBlocking(dongle::open)
        .compose(
            transport ->
                ZsmartsystemsZigbeeRadio.start(
                    vertx,
                    transport,
                    network,
                    environment.dataDir().resolve("zigbee"),
                    environment.seal(),
                    environment.open()))
        .compose(
            radio ->
                radio.discovered(dongle.members(), Duration.ofSeconds(30)).map(v -> driver(radio)));
  }

  private static RadioDriver driver(ZsmartsystemsZigbeeRadio radio) {
    return new RadioDriver() {
      @Override
      public Optional<ZigbeeRadio> zigbee() {
        return Optional.of(radio);
      }

      @Override
      public Future<Void> stop() {
        return io.vertx.core.Vertx.currentContext() == null
            ? Future.succeededFuture(run(radio))
            : io.vertx.core.Vertx.currentContext().owner().executeBlocking(() -> run(radio));
      }
    };
  }

  private static Void run(ZsmartsystemsZigbeeRadio radio) {
    radio.shutdown();
    return null;
  }

  private static ZigbeeDongleFactory factory(Settings settings) {
    String kind = settings.requiredString("dongle");
    List<String> known = new ArrayList<>();
    for (ZigbeeDongleFactory factory : ServiceLoader.load(ZigbeeDongleFactory.class)) {
      if (factory.kind().equals(kind)) {
        return factory;
      }
      known.add(factory.kind());
    }
    throw settings.invalid("dongle", "names no installed dongle kind (installed: " + known + ")");
  }

  private static NetworkSettings network(Settings settings) {
    NetworkSettings defaults = NetworkSettings.defaults();
    return new NetworkSettings(
        settings.integer("channel", defaults.channel(), 11, 26),
        settings.optionalInteger("panId", 1, 0x3FFE),
        settings.optionalString("extendedPanId").map(v -> hex(settings, "extendedPanId", v, 8)),
        settings.optionalString("networkKey").map(v -> hex(settings, "networkKey", v, 16)),
        settings.optionalString("linkKey").map(v -> hex(settings, "linkKey", v, 16)),
        Duration.ofMillis(
            settings.longValue(
                "answerTimeoutMs", defaults.answerTimeout().toMillis(), 100, 120_000)),
        settings.integer("workers", defaults.workers(), 1, 64));
  }

  private static String hex(Settings settings, String key, String value, int bytes) {
    String digits = value.replace(":", "").replace(" ", "");
    if (!digits.matches("[0-9A-Fa-f]{" + (bytes * 2) + "}")) {
      throw settings.invalid(key, "must be " + bytes + " bytes in hex");
    }
    return digits.toUpperCase(java.util.Locale.ROOT);
  }
}
