package org.nipcgateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The benchmark of issue 16, part 1: the packaged gateway next to a bare Vert.x handler in one run,
 * each scenario measured as client-side figures plus the server's CPU time per request. Started by
 * {@code bench/run}; prints figures and never fails on one.
 */
public final class Bench {
  private static final String DEMO = "https://nipc-gateway.example/demo#/sdfObject/";
  private static final String DRAFT =
      "https://example.com/thermometer#/sdfThing/thermometer/sdfProperty/";
  private static final String BLE_MAC =
      "urn:ietf:params:scim:schemas:extension:ble:2.0:Device:deviceMacAddress";

  private final BenchSettings settings;
  private final Http http = new Http();
  private final ProcStats proc = ProcStats.create();
  private final Report report = new Report();
  private final Pinning pinning = Pinning.fromEnvironment();
  private final Wrk wrk;
  private final WrkCreates wrkCreates;
  private final ServerLauncher launcher;
  // Figures gathered along the way and printed under the table.
  private long rssIdleKib = -1;
  private long rssWithDevicesKib = -1;
  private long rssUnderLoadKib = -1;
  private LoadResult creates = LoadResult.NONE;
  private double cpuPerCreate;
  private long createsNon2xx;

  private Bench(BenchSettings settings) {
    this.settings = settings;
    this.wrk = Wrk.create(settings.workDir(), pinning);
    this.wrkCreates = WrkCreates.create(settings.workDir(), pinning);
    List<String> jvmOptions = LauncherOptions.read(settings.launcher());
    // The archive is trained with the launcher's options alone: a GC log or a recording added for
    // a look must not change which archive the gateway maps.
    this.launcher =
        new ServerLauncher(
            settings.gatewayJar(),
            settings.workDir(),
            pinning,
            withExtra(jvmOptions),
            ClassDataArchive.options(settings.gatewayJar(), jvmOptions));
  }

  public static void main(String[] args) {
    BenchSettings settings = BenchSettings.fromEnvironment();
    if (!Files.isRegularFile(settings.gatewayJar())) {
      System.err.println("no " + settings.gatewayJar() + "; bench/run builds it");
      System.exit(2);
    }
    if (!Wrk.available()) {
      System.err.println("wrk is needed as the load generator (Debian: apt-get install -y wrk)");
      System.exit(2);
    }
    new Bench(settings).run();
  }

  private void run() {
    long began = System.nanoTime();
    clean(settings.workDir().resolve("data"));
    JsonObject machine = Machine.describe(pinning);
    report.machine(machine);
    System.out.println("machine: " + machine.encode());
    System.out.println("settings: " + settings);
    System.out.println("gateway JVM options (from the launcher): " + launcher.jvmOptions());
    machine.put("gatewayJvmOptions", String.join(" ", launcher.jvmOptions()));
    System.out.println("gateway class-data archive: " + archiveNote());
    machine.put("gatewayClassDataArchive", archiveNote());
    if (settings.registryOnly()) {
      // BENCH_ONLY=registry: the SCIM creates and reads at both registry sizes, nothing else.
      registryOnly();
      report.print("registry only (BENCH_ONLY=registry)");
      report.write(settings.results());
      return;
    }
    if (settings.fanOutOnly()) {
      // BENCH_ONLY=fanout: a look at the event path alone, without the 10 minutes before it.
      step("fanOut", this::fanOut);
      report.print("fan-out only (BENCH_ONLY=fanout)");
      report.write(settings.results());
      return;
    }

    System.out.println("cold starts...");
    ColdStart cold = new ColdStart(http);
    List<Long> bareStarts =
        cold.measure(settings.coldStarts(), "/", (run, port) -> launcher.bare("cold-bare", port));
    List<Long> gatewayStarts =
        cold.measure(
            settings.coldStarts(),
            "/health",
            (run, port) -> launcher.gateway("cold-gateway", dataDir("cold-" + run), port));
    report.extra(
        "coldStartMs",
        new JsonObject()
            .put("bareMedian", ColdStart.median(bareStarts))
            .put("gatewayMedian", ColdStart.median(gatewayStarts))
            .put("bare", new JsonArray(bareStarts))
            .put("gateway", new JsonArray(gatewayStarts)));

    Path data = dataDir("gateway");
    try (ServerProcess bare = launcher.bare("bare", 0);
        ServerProcess gateway = launcher.gateway("gateway", data, 0)) {
      String token = launcher.operatorToken(data);
      if (!http.awaitOk(gateway.base() + "/health", Duration.ofMinutes(2))) {
        throw new IllegalStateException(gateway.base() + "/health never answered 2xx");
      }
      pause(Duration.ofSeconds(3)); // let start-up work (demo seeding, JIT) settle before "idle"
      rssIdleKib = ProcStats.rssKib(gateway.pid());
      String gw = gateway.base();
      String thermo = findDevice(gw, token, "displayName eq \"Demo health thermometer\"");
      String light = findDevice(gw, token, "displayName eq \"Demo Zigbee light\"");
      Scenario baseline = get(Report.BARE, bare.base() + "/", null);
      List<Scenario> demo = demoScenarios(gw, token, thermo, light);
      // One warm-up round over every scenario before any is measured, so that code several share
      // (routing, the guard, JSON) is compiled before the first one counts, whatever the order.
      System.out.println("warming up...");
      wrk.run(baseline, settings.warmup());
      demo.forEach(scenario -> wrk.run(scenario, settings.warmup()));
      System.out.println("scenarios...");
      measureMain(bare, baseline, Duration.ZERO);
      demo.forEach(scenario -> measureMain(gateway, scenario, Duration.ZERO));
      openLoop(
          List.of(
              new OpenLoopStep.Target("bare handler", bare, baseline),
              // demo.get(2): the NIPC read of the simulated BLE thermometer
              new OpenLoopStep.Target("gateway NIPC BLE read", gateway, demo.get(2))));
      registryScenarios(gateway, token, thermo);
      reportRss();
    }
    largeRegistry();
    if (settings.fanOutPeripherals() > 0 && !settings.fanOutSteps().isEmpty()) {
      step("fanOut", this::fanOut);
    }
    long seconds = (System.nanoTime() - began) / 1_000_000_000;
    machine.put("loadAverageAtEnd", Machine.loadAverage());
    report.extra("runSeconds", seconds);
    report.print(notes(bareStarts, gatewayStarts, seconds, machine));
    report.write(settings.results());
    System.out.println("figures written to " + settings.results());
  }

  /**
   * The registry steps of the full run on a gateway of their own: creates, GET by id and filter at
   * BENCH_DEVICES, then the large registry. The gateway JIT-compiles the SCIM paths during the
   * creates and the GET's warm-up, as in the full run, so the filter is measured as it is there.
   */
  private void registryOnly() {
    Path data = dataDir("gateway");
    try (ServerProcess gateway = launcher.gateway("gateway", data, 0)) {
      String token = launcher.operatorToken(data);
      if (!http.awaitOk(gateway.base() + "/health", Duration.ofMinutes(2))) {
        throw new IllegalStateException(gateway.base() + "/health never answered 2xx");
      }
      pause(Duration.ofSeconds(3));
      rssIdleKib = ProcStats.rssKib(gateway.pid());
      String thermo =
          findDevice(gateway.base(), token, "displayName eq \"Demo health thermometer\"");
      registryScenarios(gateway, token, thermo);
      reportRss();
    }
    largeRegistry();
  }

  /** The gateway's RSS at the three points the registry steps sample it. */
  private void reportRss() {
    report.extra(
        "rssKib",
        new JsonObject()
            .put("gatewayIdle", rssIdleKib)
            .put("gatewayWithDevices", rssWithDevicesKib)
            .put("gatewayUnderLoadMax", rssUnderLoadKib));
  }

  private void largeRegistry() {
    if (settings.devicesLarge() > 0) {
      step(
          "largeRegistry",
          () -> {
            JsonObject large =
                new LargeRegistry(http, largeLauncher(), settings, this::measure)
                    .run(dataDir("large"));
            report.summary(large.getString("summary"));
            return large;
          });
    }
  }

  /** Whether the gateway starts with the launcher's class-data archive, for the report. */
  private String archiveNote() {
    return launcher.archiveOptions().isEmpty() ? "none" : "the launcher's, trained for this jar";
  }

  /** One of the steps after the table's scenarios: its figures, or why it has none. */
  private void step(String name, Callable<Object> figures) {
    try {
      report.extra(name, figures.call());
    } catch (Exception e) {
      System.err.println("warning: step " + name + " failed: " + e);
      report.extra(name, new JsonObject().put("failed", e.toString()));
      report.summary(name + ": failed (" + e + ")");
    }
  }

  private ServerLauncher largeLauncher() {
    String options = settings.largeJvmOptions();
    return options == null
        ? launcher
        : launcher.withJvmOptions(withExtra(LauncherOptions.words(options)));
  }

  /** The gateway's options followed by BENCH_GATEWAY_EXTRA_OPTS. */
  private List<String> withExtra(List<String> options) {
    return Stream.concat(options.stream(), settings.extraJvmOptions().stream()).toList();
  }

  private void openLoop(List<OpenLoopStep.Target> targets) {
    if (settings.openLoopRates().isEmpty()) {
      return;
    }
    System.out.println("open loop at " + settings.openLoopRates() + " requests/s...");
    step(
        "openLoop",
        () -> {
          OpenLoopStep open = new OpenLoopStep(proc, settings.connections());
          JsonArray runs =
              open.run(targets, settings.openLoopRates(), settings.duration(), settings.warmup());
          open.lines().forEach(report::summary);
          return runs;
        });
  }

  private Object fanOut() throws IOException {
    if (!MqttCounter.available()) {
      report.summary("fan-out: skipped, mosquitto_sub is needed (Debian: mosquitto-clients)");
      return new JsonObject().put("skipped", "no mosquitto_sub");
    }
    System.out.printf(
        "fan-out: %d peripherals notifying every %d ms, steps %s...%n",
        settings.fanOutPeripherals(), settings.fanOutIntervalMs(), settings.fanOutSteps());
    JsonArray steps = new JsonArray();
    for (FanOut.Step step :
        new FanOut(http, launcher, proc, pinning, settings).run(dataDir("fan-out"))) {
      steps.add(step.json());
      report.summary(step.summary());
    }
    return steps;
  }

  /** The HTTP scenarios on the demo fleet, in the order of the table. */
  private List<Scenario> demoScenarios(String gw, String token, String thermo, String light) {
    String properties = gw + "/nipc/devices/%s/properties?propertyName=";
    String four =
        Stream.of("device_name", "appearance", "manufacturer_name_string", "model_number_string")
            .map(p -> query(DRAFT + p))
            .reduce((a, b) -> a + "&propertyName=" + b)
            .orElseThrow();
    String write =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("property", DEMO + "thermometer/sdfProperty/measurementInterval")
                    .put("value", "PAA=")) // 60 s, little-endian uint16
            .encode();
    return List.of(
        get("gateway `/health` (open route)", gw + "/health", null),
        get("guarded route (`/streaming`, operator token)", gw + "/streaming", token),
        get(
            "NIPC read, simulated BLE",
            properties.formatted(thermo) + query(DEMO + "thermometer/sdfProperty/temperatureType"),
            token),
        get(
            "NIPC read, simulated Zigbee",
            properties.formatted(light) + query(DEMO + "light/sdfProperty/temperature"),
            token),
        get("NIPC read of 4 BLE properties", properties.formatted(thermo) + four, token),
        new Scenario(
            "NIPC write, BLE",
            "PUT",
            gw + "/nipc/devices/" + thermo + "/properties",
            token,
            "application/nipc+json",
            write,
            settings.connections(),
            settings.duration()));
  }

  /** The registry scenarios: creates, then reads with that many devices stored. */
  private void registryScenarios(ServerProcess gateway, String token, String fallbackId) {
    String gw = gateway.base();
    System.out.printf(
        "creating %d devices with wrk, %d connections...%n",
        settings.devices(), settings.connections());
    long before = proc.cpuMicros(gateway.pid());
    WrkCreates.Result run =
        wrkCreates.run(gw, token, settings.devices(), settings.connections(), createsCap());
    creates = run.creates();
    createsNon2xx = run.non2xx();
    cpuPerCreate =
        creates.requests() == 0
            ? 0
            : (double) (proc.cpuMicros(gateway.pid()) - before) / creates.requests();
    pause(Duration.ofSeconds(3));
    rssWithDevicesKib = ProcStats.rssKib(gateway.pid());
    long stored = storedDevices(gw, token);
    report.extra(
        "creates",
        figures(creates)
            .put("cpuMicrosPerCreate", cpuPerCreate)
            .put("client", "wrk")
            .put("devicesStored", stored)
            .mergeIn(run.json()));
    if (run.non2xx() > 0) {
      System.err.printf("warning: %d creates answered other than 2xx%n", run.non2xx());
    }

    int middle = settings.devices() / 2;
    // wrk numbered the devices as DeviceLoader does: device i has MAC DeviceLoader.mac(i).
    String id = deviceWithMac(gw, token, DeviceLoader.mac(middle)).orElse(fallbackId);
    String n = String.format(Locale.ROOT, "%,d", settings.devices());
    measureMain(
        gateway,
        get("SCIM GET by id, " + n + " devices stored", gw + "/scim/v2/Devices/" + id, token),
        settings.warmup());
    // Seconds per request today: few connections, no warm-up beyond the check, at most 10 s.
    Duration capped =
        settings.duration().compareTo(Duration.ofSeconds(10)) > 0
            ? Duration.ofSeconds(10)
            : settings.duration();
    measureMain(
        gateway,
        new Scenario(
            "SCIM filter by MAC, " + n + " devices (2 connections)",
            "GET",
            gw
                + "/scim/v2/Devices?filter="
                + query(BLE_MAC + " eq \"" + DeviceLoader.mac(middle) + "\""),
            token,
            null,
            null,
            2,
            capped),
        Duration.ZERO);
  }

  /** {@link #measure} on the main gateway, whose RSS under load the notes report. */
  private void measureMain(ServerProcess server, Scenario scenario, Duration warmup) {
    Row row = measure(server, scenario, warmup);
    if (!scenario.name().equals(Report.BARE)) {
      rssUnderLoadKib = Math.max(rssUnderLoadKib, row.rssKib());
    }
  }

  /** Checks one request, warms up, then measures the scenario with the server's CPU clock. */
  private Row measure(ServerProcess server, Scenario scenario, Duration warmup) {
    Http.Reply check =
        http.send(
            scenario.method(),
            scenario.url(),
            scenario.token(),
            scenario.contentType(),
            scenario.body());
    if (!check.ok()) {
      System.err.printf(
          "warning: %s answered %d: %s%n", scenario.name(), check.status(), check.body());
    }
    if (!warmup.isZero()) {
      wrk.run(scenario, warmup);
    }
    long before = proc.cpuMicros(server.pid());
    long waitBefore = ProcStats.runQueueWaitMicros(server.pid());
    Instant began = Instant.now();
    LoadResult load = wrk.run(scenario, scenario.duration());
    long used = proc.cpuMicros(server.pid()) - before;
    // When it ran (to find its pauses in a GC log) and how long the server's threads waited for
    // the CPU meanwhile (other processes on it), for a look at what its p99 holds.
    System.out.printf(
        "%s: %s to %s, server threads waited %d ms for a CPU%n",
        scenario.name(),
        began,
        Instant.now(),
        (ProcStats.runQueueWaitMicros(server.pid()) - waitBefore) / 1000);
    long rss = ProcStats.rssKib(server.pid());
    String body = check.body() == null ? "" : check.body();
    Row row =
        new Row(
            scenario.name(),
            load,
            load.requests() == 0 ? 0 : (double) used / load.requests(),
            rss,
            check.status(),
            body.length() > 300 ? body.substring(0, 300) + "…" : body);
    report.add(row);
    return row;
  }

  private Scenario get(String name, String url, String token) {
    return Scenario.get(name, url, token, settings.connections(), settings.duration());
  }

  /** Time enough for the creates at 50/s, far below any rate seen, so only a stuck run hits it. */
  private Duration createsCap() {
    return Duration.ofSeconds(30 + settings.devices() / 50);
  }

  /** The id of the device with that MAC address (if every create failed: none). */
  private Optional<String> deviceWithMac(String base, String token, String mac) {
    Http.Reply reply =
        http.get(base + "/scim/v2/Devices?filter=" + query(BLE_MAC + " eq \"" + mac + "\""), token);
    JsonArray found = reply.ok() ? new JsonObject(reply.body()).getJsonArray("Resources") : null;
    return found == null || found.isEmpty()
        ? Optional.empty()
        : Optional.of(found.getJsonObject(0).getString("id"));
  }

  /** How many devices the registry holds (the demo's and the creates'), or -1 if it won't say. */
  private long storedDevices(String base, String token) {
    Http.Reply reply = http.get(base + "/scim/v2/Devices?count=0", token);
    return reply.ok() ? new JsonObject(reply.body()).getLong("totalResults", -1L) : -1;
  }

  private String findDevice(String base, String token, String filter) {
    Http.Reply reply = http.get(base + "/scim/v2/Devices?filter=" + query(filter), token);
    JsonArray found = reply.ok() ? new JsonObject(reply.body()).getJsonArray("Resources") : null;
    if (found == null || found.isEmpty()) {
      throw new IllegalStateException("no demo device for " + filter + ": " + reply);
    }
    return found.getJsonObject(0).getString("id");
  }

  private String notes(List<Long> bare, List<Long> gateway, long seconds, JsonObject machine) {
    return String.format(
        Locale.ROOT,
        """
        SCIM creates, %d wrk connections: %.0f/s, p50 %.1f ms, p99 %.1f ms, %.0f µs gateway CPU per \
        create, %d failed (%d answered other than 2xx)
        gateway RSS (JVM options: %s): %.0f MB idle, %.0f MB with %,d devices, %.0f MB at most \
        right after a load step
        cold start to first 2xx (median of %d): gateway %d ms (class-data archive: %s), bare \
        handler %d ms (all: %s, %s)
        machine: %s CPUs, %s, %s; %s; load average %s at start, %s at end
        run took %d s""",
        settings.connections(),
        creates.perSecond(),
        creates.p50Ms(),
        creates.p99Ms(),
        cpuPerCreate,
        creates.errors(),
        createsNon2xx,
        launcher.jvmOptions().isEmpty() ? "none" : String.join(" ", launcher.jvmOptions()),
        rssIdleKib / 1024.0,
        rssWithDevicesKib / 1024.0,
        settings.devices(),
        rssUnderLoadKib / 1024.0,
        settings.coldStarts(),
        ColdStart.median(gateway),
        archiveNote(),
        ColdStart.median(bare),
        gateway,
        bare,
        machine.getLong("cpus"),
        machine.getString("cpuModel"),
        machine.getString("memTotal"),
        machine.getString("pinning"),
        machine.getString("loadAverageAtStart"),
        machine.getString("loadAverageAtEnd"),
        seconds);
  }

  private static JsonObject figures(LoadResult load) {
    return new JsonObject()
        .put("count", load.requests())
        .put("seconds", load.seconds())
        .put("perSecond", load.perSecond())
        .put("p50Ms", load.p50Ms())
        .put("p99Ms", load.p99Ms())
        .put("p999Ms", load.p999Ms())
        .put("errors", load.errors());
  }

  private Path dataDir(String name) {
    return settings.workDir().resolve("data").resolve(name).toAbsolutePath();
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void pause(Duration time) {
    try {
      Thread.sleep(time.toMillis()); // waiting for time itself to pass, not for an event
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Data dirs of an earlier run would hold its 10,000 devices; each run starts empty. */
  private static void clean(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
