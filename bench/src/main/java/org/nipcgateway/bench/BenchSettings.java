package org.nipcgateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run measures, from environment variables so that a quick look ({@code BENCH_DURATION=2
 * BENCH_DEVICES=500 bench/run}) uses the same command as the real run; {@code BENCH_ONLY=creates}
 * measures the SCIM create step (and what follows it) alone. Paths are relative to the repository
 * root, where bench/run starts the benchmark.
 */
record BenchSettings(
    Duration duration,
    Duration warmup,
    int connections,
    int devices,
    int coldStarts,
    Path gatewayJar,
    List<String> gatewayJavaOptions,
    boolean createsOnly,
    Path workDir,
    Path results) {

  static BenchSettings fromEnvironment() {
    Map<String, String> env = System.getenv();
    return new BenchSettings(
        Duration.ofSeconds(number(env, "BENCH_DURATION", 10)),
        Duration.ofSeconds(number(env, "BENCH_WARMUP", 5)),
        number(env, "BENCH_CONNECTIONS", 16),
        number(env, "BENCH_DEVICES", 10_000),
        number(env, "BENCH_COLD_STARTS", 5),
        Path.of(env.getOrDefault("BENCH_GATEWAY_JAR", "gateway-app/target/nipc-gateway.jar")),
        // bench/run passes the launcher's own defaults (./nipc-gateway), so the gateway runs as
        // it does for real; unset, the JVM's defaults.
        words(env.getOrDefault("BENCH_GATEWAY_JAVA_OPTS", "")),
        // "creates": only the SCIM creates, the registry reads after them and the RSS figures.
        env.getOrDefault("BENCH_ONLY", "").trim().equals("creates"),
        Path.of("bench/target/bench-work"),
        Path.of("bench/target/bench-results.json"));
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
  }

  private static int number(Map<String, String> env, String name, int otherwise) {
    String value = env.get(name);
    return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
  }
}
