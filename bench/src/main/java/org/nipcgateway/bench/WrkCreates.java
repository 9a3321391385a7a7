package org.nipcgateway.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The creates step's load generator: {@code wrk} on the client CPU with {@code bench-create.lua},
 * which creates devices 0, 1, 2, ... (as {@link DeviceLoader#device(int)}) until {@code count} were
 * acknowledged. A C client because the benchmark's JVM client tops out near 1,450 requests/s with
 * 16 clients even against the bare handler, below what the gateway creates.
 */
final class WrkCreates {
  /** The creates, the non-2xx answers among them, and every answer wrk counted. */
  record Result(LoadResult creates, long non2xx, long answers) {
    JsonObject json() {
      return new JsonObject().put("non2xx", non2xx).put("answers", answers);
    }
  }

  private final Path script;
  private final Pinning pinning;

  private WrkCreates(Path script, Pinning pinning) {
    this.script = script;
    this.pinning = pinning;
  }

  /** Copies the Lua script out of the class path into the work directory. */
  static WrkCreates create(Path workDir, Pinning pinning) {
    Path script = workDir.resolve("bench-create.lua");
    try (InputStream in = WrkCreates.class.getResourceAsStream("/bench-create.lua")) {
      Files.createDirectories(workDir);
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new WrkCreates(script, pinning);
  }

  /**
   * Creates {@code count} devices from {@code connections} connections, for at most {@code cap}; a
   * run that fails yields no creates.
   */
  Result run(String base, String token, int count, int connections, Duration cap) {
    List<String> command =
        pinning.client(
            List.of(
                "wrk",
                "-t1",
                "-c" + connections,
                "-d" + Math.max(1, cap.toSeconds()) + "s",
                "--timeout",
                "30s",
                "-s",
                script.toString(),
                base + "/scim/v2/Devices"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("BENCH_TOKEN", token);
    env.put("BENCH_COUNT", Integer.toString(count));
    try {
      long start = System.nanoTime();
      Process wrk = builder.start();
      double seconds = -1; // until the script says every create was acknowledged
      List<String> out = new ArrayList<>();
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          out.add(line);
          if (line.equals("BENCH-CREATED") && seconds < 0) {
            seconds = (System.nanoTime() - start) / 1e9;
            interrupt(wrk.pid());
          }
        }
      }
      wrk.waitFor();
      double timed = seconds;
      return out.stream()
          .filter(line -> line.startsWith("BENCH {"))
          .map(line -> parse(new JsonObject(line.substring(6)), timed))
          .findFirst()
          .orElseGet(
              () -> {
                System.err.println("wrk printed no figures for the creates:\n" + out);
                return new Result(LoadResult.NONE, 0, 0);
              });
    } catch (IOException e) {
      System.err.println("cannot run wrk: " + e);
      return new Result(LoadResult.NONE, 0, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(LoadResult.NONE, 0, 0);
    }
  }

  /** SIGINT ends wrk's wait for its -d and still has it print its figures (SIGTERM would not). */
  private static void interrupt(long pid) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
  }

  /** {@code seconds} is the time to the last create, or negative for wrk's own (it ran to -d). */
  private static Result parse(JsonObject figures, double seconds) {
    long non2xx = figures.getLong("non2xx");
    LoadResult creates =
        new LoadResult(
            figures.getLong("created"),
            seconds >= 0 ? seconds : figures.getLong("durationUs") / 1e6,
            figures.getLong("p50Us") / 1e3,
            figures.getLong("p99Us") / 1e3,
            figures.getLong("p999Us") / 1e3,
            non2xx + figures.getLong("socketErrors") + figures.getLong("timeouts"));
    return new Result(creates, non2xx, figures.getLong("requests"));
  }
}
