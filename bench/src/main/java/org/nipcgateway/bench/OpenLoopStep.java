package org.nipcgateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency at fixed offered rates: each target (the gateway's NIPC BLE read, the bare handler) is
 * driven by {@link OpenLoop} at every rate of BENCH_OPEN_RATES in turn, with the server's CPU per
 * answered request over the same interval. Prints one line per run and keeps the lines for the
 * summary under the table.
 */
final class OpenLoopStep {
  /** A server and the request it is driven with. */
  record Target(String name, ServerProcess server, Scenario scenario) {}

  private final ProcStats proc;
  private final List<String> lines = new ArrayList<>();

  private final int connections;

  OpenLoopStep(ProcStats proc, int connections) {
    this.proc = proc;
    this.connections = connections;
  }

  JsonArray run(List<Target> targets, List<Integer> rates, Duration duration, Duration warmup) {
    JsonArray runs = new JsonArray();
    try (OpenLoop generator = new OpenLoop(connections)) {
      for (Target target : targets) {
        generator.run(target.scenario(), rates.get(0), warmup); // connections open, code warm
        for (int rate : rates) {
          long before = proc.cpuMicros(target.server().pid());
          OpenLoop.Result r = generator.run(target.scenario(), rate, duration);
          long used = proc.cpuMicros(target.server().pid()) - before;
          double cpu = r.ok() == 0 ? 0 : (double) used / r.ok();
          String line =
              String.format(
                  Locale.ROOT,
                  "  open loop %-26s offered %6d/s achieved %8.0f/s  p50 %7.2f  p99 %8.2f"
                      + "  p99.9 %8.2f  max %8.2f ms  %6.1f µs CPU/req  failed %d, unanswered %d",
                  target.name(),
                  rate,
                  r.achievedPerSecond(),
                  r.p50Ms(),
                  r.p99Ms(),
                  r.p999Ms(),
                  r.maxMs(),
                  cpu,
                  r.failed(),
                  r.unanswered());
          if (r.firstFailure() != null) {
            line += " (first: " + r.firstFailure() + ")";
          }
          System.out.println(line);
          lines.add(line.trim());
          runs.add(
              JsonObject.mapFrom(r).put("target", target.name()).put("cpuMicrosPerRequest", cpu));
        }
      }
    }
    return runs;
  }

  /** The printed lines, for the summary. */
  List<String> lines() {
    return lines;
  }
}
