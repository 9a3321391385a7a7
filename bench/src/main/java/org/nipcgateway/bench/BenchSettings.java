package org.nipcgateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a run measures, from environment variables so that a quick look ({@code BENCH_DURATION=2
 * BENCH_DEVICES=500 bench/run}) uses the same command as the real run. Paths are relative to the
 * repository root, where bench/run starts the benchmark.
 *
 * @param devicesLarge registry size of the large-registry step (0 skips it)
 * @param bulkClients concurrent SCIM /Bulk requests that seed the large registry
 * @param seedBudget how long seeding the large registry may take; what is stored by then is
 *     measured
 * @param largeJvmOptions JVM options of the large-registry gateway, or null for the launcher's
 * @param openLoopRates offered request rates of the open-loop latency step (empty skips it)
 * @param fanOutPeripherals simulated peripherals of the fan-out step (0 skips it)
 * @param fanOutIntervalMs how often each peripheral notifies while its event is enabled
 * @param fanOutSteps how many peripherals notify at each step: the offered rates
 * @param only {@code BENCH_ONLY}: the one step to run ({@code fanout}, or {@code registry}: the
 *     creates and the registry reads at BENCH_DEVICES and BENCH_DEVICES_LARGE), or null for all
 * @param extraJvmOptions {@code BENCH_GATEWAY_EXTRA_OPTS}: JVM options added after the launcher's
 *     to every gateway start (a GC log, a flight recording), none by default
 */
record BenchSettings(
    Duration duration,
    Duration warmup,
    int connections,
    int devices,
    int coldStarts,
    int devicesLarge,
    int bulkClients,
    Duration seedBudget,
    String largeJvmOptions,
    List<Integer> openLoopRates,
    int fanOutPeripherals,
    int fanOutIntervalMs,
    List<Integer> fanOutSteps,
    String only,
    List<String> extraJvmOptions,
    Path gatewayJar,
    Path launcher,
    Path workDir,
    Path results) {

  static BenchSettings fromEnvironment() {
    Map<String, String> env = System.getenv();
    int peripherals = number(env, "BENCH_FANOUT_PERIPHERALS", 64);
    return new BenchSettings(
        Duration.ofSeconds(number(env, "BENCH_DURATION", 10)),
        // 20 s, not 5: after 5 s of warm-up the JIT was still compiling the gateway's paths, which
        // put the NIPC read 13 % higher in CPU and its p99 near 38 ms instead of 4 (2026-12-03).
        Duration.ofSeconds(number(env, "BENCH_WARMUP", 20)),
        number(env, "BENCH_CONNECTIONS", 16),
        number(env, "BENCH_DEVICES", 10_000),
        number(env, "BENCH_COLD_STARTS", 5),
        number(env, "BENCH_DEVICES_LARGE", 100_000),
        number(env, "BENCH_BULK_CLIENTS", 2),
        Duration.ofSeconds(number(env, "BENCH_SEED_SECONDS", 180)),
        env.get("BENCH_LARGE_JAVA_OPTS"),
        numbers(env, "BENCH_OPEN_RATES", "1000,5000,10000"),
        peripherals,
        number(env, "BENCH_FANOUT_INTERVAL_MS", 1),
        numbers(env, "BENCH_FANOUT_STEPS", "5,10,25,50,64").stream()
            .map(n -> Math.min(n, peripherals))
            .filter(n -> n > 0)
            .distinct()
            .toList(),
        only(env),
        LauncherOptions.words(env.getOrDefault("BENCH_GATEWAY_EXTRA_OPTS", "")),
        Path.of(env.getOrDefault("BENCH_GATEWAY_JAR", "gateway-app/target/nipc-gateway.jar")),
        Path.of("nipc-gateway"),
        Path.of("bench/target/bench-work"),
        Path.of("bench/target/bench-results.json"));
  }

  /** Whether the full run's other steps are skipped for the fan-out alone. */
  boolean fanOutOnly() {
    return "fanout".equals(only);
  }

  /** Whether only the registry's steps run: creates, GET by id and filter, then the large one. */
  boolean registryOnly() {
    return "registry".equals(only);
  }

  private static String only(Map<String, String> env) {
    String value = env.getOrDefault("BENCH_ONLY", "").trim();
    if (value.isEmpty()) {
      return null;
    }
    if (!value.equals("fanout") && !value.equals("registry")) {
      throw new IllegalArgumentException(
          "BENCH_ONLY=" + value + ": only fanout or registry can run alone");
    }
    return value;
  }

  private static int number(Map<String, String> env, String name, int otherwise) {
    String value = env.get(name);
    return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
  }

  /** A comma-separated list; an empty value is an empty list. */
  private static List<Integer> numbers(Map<String, String> env, String name, String otherwise) {
    String value = env.getOrDefault(name, otherwise);
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .map(Integer::parseInt)
        .filter(n -> n > 0)
        .toList();
  }
}
