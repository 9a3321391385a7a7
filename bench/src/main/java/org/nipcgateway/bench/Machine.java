package org.nipcgateway.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the figures were measured on. The load average is read at the start and end of the run: on a
 * shared machine it says how much other work competed with the benchmark.
 */
final class Machine {
  private Machine() {}

  static JsonObject describe(Pinning pinning) {
    List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
    return new JsonObject()
        .put("date", Instant.now().toString())
        .put("cpus", cpuinfo.stream().filter(l -> l.startsWith("processor")).count())
        .put("cpuModel", value(cpuinfo, "model name"))
        .put("memTotal", value(lines(Path.of("/proc/meminfo")), "MemTotal"))
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
        .put("pinning", pinning.describe())
        .put("loadAverageAtStart", loadAverage());
  }

  /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} prints them. */
  static String loadAverage() {
    List<String> lines = lines(Path.of("/proc/loadavg"));
    if (lines.isEmpty()) {
      return "unknown";
    }
    String[] fields = lines.get(0).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static String value(List<String> lines, String key) {
    return lines.stream()
        .filter(l -> l.startsWith(key))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("unknown");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
