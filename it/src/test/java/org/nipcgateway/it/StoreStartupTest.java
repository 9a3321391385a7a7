package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.LogCapture;
import org.nipcgateway.it.support.RunningGateway;

/** What a gateway says when its store holds something it cannot show. */
class StoreStartupTest {
  @TempDir Path dataDir;

  @Test
  void a_stored_row_of_a_type_no_module_reads_is_kept_and_named_in_a_warning() throws Exception {
    try (RunningGateway first = RunningGateway.start(dataDir, GatewayConfig.builder())) {
      first.scim().create("/Devices", Devices.ble("kept device", 1));
    }
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
        Statement sql = db.createStatement()) {
      sql.execute(
          "INSERT INTO resource (id, resource_type, version, created, last_modified, attributes,"
              + " secrets) VALUES ('gizmo-7', 'Gizmo', 1, '2026-01-01T00:00:00Z',"
              + " '2026-01-01T00:00:00Z', '{}', '{}')");
    }

    try (LogCapture log = new LogCapture();
        RunningGateway second = RunningGateway.start(dataDir, GatewayConfig.builder())) {
      assertThat(log.mentioning("gizmo-7"))
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.getLevel()).isEqualTo(Level.WARN);
                assertThat(line.getFormattedMessage()).contains("'Gizmo'");
              });
      assertThat(second.scim().list("/Devices", "").path("totalResults").asInt()).isEqualTo(1);
    }
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
        Statement sql = db.createStatement();
        var rows = sql.executeQuery("SELECT count(*) FROM resource WHERE id = 'gizmo-7'")) {
      assertThat(rows.getInt(1)).as("the row is kept").isEqualTo(1);
    }
  }

  @Test
  void a_zero_byte_registry_does_not_start_as_an_empty_one() throws Exception {
    Files.createFile(dataDir.resolve("registry.db"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RunningGateway.start(dataDir, GatewayConfig.builder()))
        .rootCause()
        .hasMessageContaining("registry.db is empty (0 bytes)");
  }
}
