package org.nipcgateway.bench;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The registry at access-point fleet scale (BENCH_DEVICES_LARGE, default 100,000): a gateway of its
 * own with the launcher's JVM options (or BENCH_LARGE_JAVA_OPTS), seeded through SCIM {@code /Bulk}
 * ({@link BulkLoader}) within BENCH_SEED_SECONDS, then GET by id and filter by MAC measured as
 * table rows at the size reached, and the RSS after seeding and after the load.
 */
final class LargeRegistry {
  private static final String BLE_MAC =
      "urn:ietf:params:scim:schemas:extension:ble:2.0:Device:deviceMacAddress";
  static final int PER_BULK = 1000;

  /** Measures one scenario on a server as a row of the table. */
  interface Measure {
    Row measure(ServerProcess server, Scenario scenario, Duration warmup);
  }

  private final Http http;
  private final ServerLauncher launcher;
  private final BenchSettings settings;
  private final Measure measure;

  LargeRegistry(Http http, ServerLauncher launcher, BenchSettings settings, Measure measure) {
    this.http = http;
    this.launcher = launcher;
    this.settings = settings;
    this.measure = measure;
  }

  JsonObject run(Path dataDir) {
    int count = settings.devicesLarge();
    JsonObject out =
        new JsonObject()
            .put("devices", count)
            .put("perBulkRequest", PER_BULK)
            .put("jvmOptions", String.join(" ", launcher.jvmOptions()));
    try (ServerProcess gateway = launcher.gateway("gateway-large", dataDir, 0)) {
      String gw = gateway.base();
      String token = launcher.operatorToken(dataDir);
      if (!http.awaitOk(gw + "/health", Duration.ofMinutes(2))) {
        throw new IllegalStateException("large-registry gateway never healthy");
      }
      out.put("rssKibIdle", ProcStats.rssKib(gateway.pid()));
      System.out.printf(
          "seeding %,d devices through /Bulk (%d per request, %d clients)...%n",
          count, PER_BULK, settings.bulkClients());
      DeviceLoader.Loaded loaded =
          new BulkLoader(http, gw, token)
              .create(count, PER_BULK, settings.bulkClients(), settings.seedBudget());
      LoadResult seeding = loaded.creates();
      out.put(
          "seeding",
          new JsonObject()
              .put("created", seeding.requests())
              .put("failed", seeding.errors())
              .put("seconds", seeding.seconds())
              .put("devicesPerSecond", seeding.perSecond())
              .put("bulkRequestP50Ms", seeding.p50Ms())
              .put("bulkRequestP99Ms", seeding.p99Ms()));
      out.put("rssKibSeeded", ProcStats.rssKib(gateway.pid()));
      int middle = middleCreated(loaded);
      String id = middle < 0 ? "-" : loaded.ids().get(middle);
      String n = String.format(Locale.ROOT, "%,d", seeding.requests());
      Row byId =
          measure.measure(
              gateway,
              Scenario.get(
                  "SCIM GET by id, " + n + " devices stored",
                  gw + "/scim/v2/Devices/" + id,
                  token,
                  settings.connections(),
                  settings.duration()),
              settings.warmup());
      Row byMac =
          measure.measure(
              gateway,
              Scenario.get(
                  "SCIM filter by MAC, " + n + " devices",
                  gw
                      + "/scim/v2/Devices?filter="
                      + query(BLE_MAC + " eq \"" + DeviceLoader.mac(middle) + "\""),
                  token,
                  settings.connections(),
                  settings.duration()),
              settings.warmup());
      out.put("rssKibUnderLoad", Math.max(byId.rssKib(), byMac.rssKib()));
      String summary =
          String.format(
              Locale.ROOT,
              "large registry (JVM options: %s): %,d of %,d devices seeded through /Bulk in %.0f s"
                  + " (%.0f devices/s, %d not created); GET by id p99 %.2f ms, filter by MAC p99 %.2f ms; RSS %.0f MB"
                  + " idle, %.0f MB seeded, %.0f MB under load",
              launcher.jvmOptions().isEmpty() ? "none" : String.join(" ", launcher.jvmOptions()),
              seeding.requests(),
              count,
              seeding.seconds(),
              seeding.perSecond(),
              seeding.errors(),
              byId.load().p99Ms(),
              byMac.load().p99Ms(),
              out.getLong("rssKibIdle") / 1024.0,
              out.getLong("rssKibSeeded") / 1024.0,
              out.getLong("rssKibUnderLoad") / 1024.0);
      out.put("summary", summary);
      System.out.println(summary);
      return out;
    }
  }

  /** The number of the device in the middle of those created, or -1 if none was. */
  private static int middleCreated(DeviceLoader.Loaded loaded) {
    List<String> ids = loaded.ids();
    long half = ids.stream().filter(i -> i != null).count() / 2;
    for (int i = 0, seen = 0; i < ids.size(); i++) {
      if (ids.get(i) != null && seen++ == half) {
        return i;
      }
    }
    return -1;
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
