package org.nipcgateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's figures: a Markdown table on stdout (ready for the README) and the same figures as
 * JSON. Ratios are against the bare handler's row of the same run, since on a shared machine only
 * those compare from one run to the next.
 */
final class Report {
  static final String BARE = "bare Vert.x handler";

  private final List<Row> rows = new ArrayList<>();
  private final JsonObject json = new JsonObject();
  private final List<String> summaries = new ArrayList<>();

  void machine(JsonObject machine) {
    json.put("machine", machine);
  }

  void add(Row row) {
    rows.add(row);
    System.out.printf(
        Locale.ROOT,
        "  %-48s %9.0f req/s %9.1f µs CPU/req  p99 %8.2f ms  (check: %d)%n",
        row.scenario(),
        row.load().perSecond(),
        row.cpuMicrosPerRequest(),
        row.load().p99Ms(),
        row.checkStatus());
  }

  /** A figure that is not a row (creates, RSS, cold start), kept in the JSON under its name. */
  void extra(String name, Object value) {
    json.put(name, value);
  }

  /** A line for the summary under the table (open loop, large registry, fan-out). */
  void summary(String line) {
    summaries.add(line);
  }

  void print(String notes) {
    Row bare = rows.stream().filter(r -> r.scenario().equals(BARE)).findFirst().orElse(null);
    StringBuilder out = new StringBuilder();
    out.append(
        "| scenario | req/s | p50 ms | p99 ms | p99.9 ms | CPU µs/req | CPU × bare | req/s × bare"
            + " | errors |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Row row : rows) {
      LoadResult load = row.load();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.2f | %.2f | %.2f | %.1f | %s | %s | %d |%n",
              row.scenario(),
              load.perSecond(),
              load.p50Ms(),
              load.p99Ms(),
              load.p999Ms(),
              row.cpuMicrosPerRequest(),
              ratio(row.cpuMicrosPerRequest(), bare == null ? 0 : bare.cpuMicrosPerRequest()),
              ratio(load.perSecond(), bare == null ? 0 : bare.load().perSecond()),
              load.errors()));
    }
    System.out.println();
    System.out.print(out);
    System.out.println();
    System.out.println(notes);
    summaries.forEach(System.out::println);
  }

  void write(Path file) {
    JsonArray scenarios = new JsonArray();
    Row bare = rows.stream().filter(r -> r.scenario().equals(BARE)).findFirst().orElse(null);
    for (Row row : rows) {
      LoadResult load = row.load();
      scenarios.add(
          new JsonObject()
              .put("scenario", row.scenario())
              .put("requests", load.requests())
              .put("seconds", load.seconds())
              .put("requestsPerSecond", load.perSecond())
              .put("p50Ms", load.p50Ms())
              .put("p99Ms", load.p99Ms())
              .put("p999Ms", load.p999Ms())
              .put("errors", load.errors())
              .put("cpuMicrosPerRequest", row.cpuMicrosPerRequest())
              .put("cpuTimesBare", bare == null ? null : quotient(row, bare, true))
              .put("requestsPerSecondTimesBare", bare == null ? null : quotient(row, bare, false))
              .put("rssKibAfter", row.rssKib())
              .put("checkStatus", row.checkStatus())
              .put("checkBody", row.checkBody()));
    }
    json.put("scenarios", scenarios);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, json.encodePrettily());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Double quotient(Row row, Row bare, boolean cpu) {
    double base = cpu ? bare.cpuMicrosPerRequest() : bare.load().perSecond();
    double value = cpu ? row.cpuMicrosPerRequest() : row.load().perSecond();
    return base == 0 ? null : value / base;
  }

  private static String ratio(double value, double base) {
    if (base == 0) {
      return "–";
    }
    double r = value / base;
    return String.format(Locale.ROOT, r >= 10 ? "%.0f" : r >= 0.1 ? "%.2f" : "%.4f", r);
  }
}
