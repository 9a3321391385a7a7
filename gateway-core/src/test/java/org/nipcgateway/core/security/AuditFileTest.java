package org.nipcgateway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOON = Instant.parse("2026-12-02T12:00:00Z").toEpochMilli();

  @TempDir Path dir;

  private static AuditEntry entry(int thread, int i) {
    return new AuditEntry(
        NOON + i,
        "token:t" + thread,
        "token",
        "GET",
        "/nipc/devices/:id/properties",
        "/nipc/devices/d\"" + i + "/properties",
        200,
        i % 2 == 0 ? "d\"" + i : null,
        i % 3 == 0);
  }

  private List<JsonNode> parsedLines(Path... files) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        all.add(JSON.readTree(line)); // throws on a line that is not one JSON object
      }
    }
    return all;
  }

  @Test
  void every_line_appended_from_many_threads_is_written_whole_by_the_time_close_returns()
      throws Exception {
    AuditFile audit = AuditFile.open(dir);
    int threads = 8;
    int each = 5_000;
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  audit.append(entry(thread, i));
                }
              });
      writer.start();
      writers.add(writer);
    }
    for (Thread w : writers) {
      w.join();
    }
    audit.close(); // no wait for a flush interval: close itself writes what is queued

    List<JsonNode> lines = parsedLines(dir.resolve("audit.log"));
    assertThat(lines).hasSize(threads * each);
    Set<String> seen = new HashSet<>();
    for (JsonNode line : lines) {
      assertThat(line.get("status").asInt()).isEqualTo(200);
      assertThat(line.get("time").asText()).startsWith("2026-12-02T12:00:0").endsWith("Z");
      seen.add(line.get("caller").asText() + line.get("path").asText());
    }
    assertThat(seen).hasSize(threads * each);
  }

  @Test
  void a_line_holds_the_fields_of_its_entry_with_the_time_in_milliseconds() throws Exception {
    AuditFile audit = AuditFile.open(dir);
    audit.append(entry(1, 0));
    audit.append(entry(1, 1));
    audit.append(
        new AuditEntry(NOON + 61_007, "anonymous", "none", "PUT", "/r", "/r", 401, null, true));
    audit.close();

    List<JsonNode> lines = parsedLines(dir.resolve("audit.log"));
    assertThat(lines.get(0).toString())
        .isEqualTo(
            "{\"time\":\"2026-12-02T12:00:00.000Z\",\"caller\":\"token:t1\",\"via\":\"token\","
                + "\"method\":\"GET\",\"route\":\"/nipc/devices/:id/properties\","
                + "\"path\":\"/nipc/devices/d\\\"0/properties\",\"status\":200,"
                + "\"target\":\"d\\\"0\",\"denied\":true}");
    assertThat(lines.get(1).has("target")).isFalse();
    assertThat(lines.get(1).has("denied")).isFalse();
    assertThat(lines.get(1).get("time").asText()).isEqualTo("2026-12-02T12:00:00.001Z");
    assertThat(lines.get(2).get("time").asText()).isEqualTo("2026-12-02T12:01:01.007Z");
  }

  @Test
  void a_broker_session_line_sits_between_request_lines_with_its_own_fields() throws Exception {
    AuditFile audit = AuditFile.open(dir);
    audit.append(entry(1, 1));
    audit.append(
        new SessionAuditEntry(
            NOON + 2, "app:a1", "mqtt", "mqtt-login", "c1", "127.0.0.2", null, "wrong", true));
    audit.append(
        new SessionAuditEntry(
            NOON + 3, "app:a1", "mqtt", "mqtt-subscribe", "c1", "", "data-app/a1/#", null, false));
    audit.append(entry(1, 4));
    audit.close();

    List<JsonNode> lines = parsedLines(dir.resolve("audit.log"));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1).toString())
        .isEqualTo(
            "{\"time\":\"2026-12-02T12:00:00.002Z\",\"caller\":\"app:a1\",\"via\":\"mqtt\","
                + "\"method\":\"mqtt-login\",\"client\":\"c1\",\"address\":\"127.0.0.2\","
                + "\"denied\":true,\"reason\":\"wrong\"}");
    assertThat(lines.get(2).toString())
        .isEqualTo(
            "{\"time\":\"2026-12-02T12:00:00.003Z\",\"caller\":\"app:a1\",\"via\":\"mqtt\","
                + "\"method\":\"mqtt-subscribe\",\"client\":\"c1\",\"address\":\"\","
                + "\"topic\":\"data-app/a1/#\"}");
    assertThat(lines.get(3).get("route").asText()).isEqualTo("/nipc/devices/:id/properties");
  }

  @Test
  void lines_are_flushed_to_the_file_while_the_gateway_runs() throws Exception {
    AuditFile audit = AuditFile.open(dir);
    try {
      audit.append(entry(1, 1));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (Files.size(dir.resolve("audit.log")) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(parsedLines(dir.resolve("audit.log"))).hasSize(1);
    } finally {
      audit.close();
    }
  }

  @Test
  void an_entry_that_arrives_after_close_is_still_written() throws Exception {
    AuditFile audit = AuditFile.open(dir);
    audit.append(entry(1, 1));
    audit.close();
    audit.append(entry(1, 2));

    assertThat(parsedLines(dir.resolve("audit.log"))).hasSize(2);
  }

  @Test
  void a_full_file_rolls_over_keeping_five_older_ones_each_owner_only() throws Exception {
    AuditFile audit = AuditFile.open(dir, 2_000);
    for (int batch = 0; batch < 10; batch++) {
      for (int i = 0; i < 20; i++) {
        audit.append(entry(batch, i));
      }
      audit.drain(); // what the writer does every interval: a roll comes between batches
    }
    audit.close();

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains("audit.log", "audit.1.log", "audit.5.log")
          .doesNotContain("audit.6.log");
    }
    for (String name : List.of("audit.log", "audit.1.log", "audit.5.log")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
          .isEqualTo("rw-------");
      parsedLines(dir.resolve(name)); // whole lines in every file
    }
  }
}
