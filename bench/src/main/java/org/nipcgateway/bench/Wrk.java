package org.nipcgateway.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The load generator: Debian's {@code wrk} (C, closed loop: each connection sends its next request
 * when the previous answer arrived), one thread on the client CPU, driven by {@code
 * bench-request.lua}. A C client keeps the load generator's own cost small and out of the server's
 * CPU.
 */
final class Wrk {
  private final Path script;
  private final Pinning pinning;

  private Wrk(Path script, Pinning pinning) {
    this.script = script;
    this.pinning = pinning;
  }

  /** Copies the Lua script out of the class path into the work directory. */
  static Wrk create(Path workDir, Pinning pinning) {
    Path script = workDir.resolve("bench-request.lua");
    try (InputStream in = Wrk.class.getResourceAsStream("/bench-request.lua")) {
      Files.createDirectories(workDir);
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Wrk(script, pinning);
  }

  static boolean available() {
    try {
      return new ProcessBuilder("wrk", "--version").start().waitFor() >= 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs the scenario for the given time; a run that fails yields {@link LoadResult#NONE}. */
  LoadResult run(Scenario scenario, Duration duration) {
    List<String> command =
        pinning.client(
            List.of(
                "wrk",
                "-t1",
                "-c" + scenario.connections(),
                "-d" + Math.max(1, duration.toSeconds()) + "s",
                "--timeout",
                "30s",
                "-s",
                script.toString(),
                scenario.url()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("BENCH_METHOD", scenario.method());
    env.put("BENCH_TOKEN", scenario.token() == null ? "" : scenario.token());
    env.put("BENCH_BODY", scenario.body() == null ? "" : scenario.body());
    env.put("BENCH_CONTENT_TYPE", scenario.contentType() == null ? "" : scenario.contentType());
    try {
      Process wrk = builder.start();
      String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      wrk.waitFor();
      return out.lines()
          .filter(line -> line.startsWith("BENCH "))
          .map(line -> parse(new JsonObject(line.substring(6))))
          .findFirst()
          .orElseGet(
              () -> {
                System.err.println("wrk printed no figures for " + scenario.name() + ":\n" + out);
                return LoadResult.NONE;
              });
    } catch (IOException e) {
      System.err.println("cannot run wrk: " + e);
      return LoadResult.NONE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LoadResult.NONE;
    }
  }

  private static LoadResult parse(JsonObject figures) {
    return new LoadResult(
        figures.getLong("requests"),
        figures.getLong("durationUs") / 1e6,
        figures.getLong("p50Us") / 1e3,
        figures.getLong("p99Us") / 1e3,
        figures.getLong("p999Us") / 1e3,
        figures.getLong("socketErrors")
            + figures.getLong("statusErrors")
            + figures.getLong("timeouts"));
  }
}
