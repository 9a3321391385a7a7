package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.GatewayProcess;

/**
 * The packaged gateway keeps its data dir to its owner: the registry and its WAL and SHM files, the
 * audit log, the secret key, the tokens and the TLS directory, whatever the process's umask.
 */
class DataDirPermissionsTest {
  @TempDir Path dir;

  @Test
  void every_gateway_file_is_0600_and_every_directory_0700() throws Exception {
    Path data = dir.resolve("data");
    try (GatewayProcess gateway = GatewayProcess.onFreePort(data, "--no-demo")) {
      gateway.scim().create("/Devices", Devices.ble("permissions", 5));
      // The audit line is written off the event loop; the WAL exists while the store is open.
      Eventually.eventually("the audit log exists", () -> Files.exists(data.resolve("audit.log")));
      assertThat(data.resolve("registry.db-wal")).exists();
      assertOwnerOnly(data);
    }
    assertOwnerOnly(data);
  }

  @Test
  void files_an_older_gateway_left_readable_are_restricted_at_start() throws Exception {
    Path data = dir.resolve("data");
    try (GatewayProcess first = GatewayProcess.onFreePort(data, "--no-demo")) {
      first.scim().create("/Devices", Devices.ble("before", 6));
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        data.resolve("registry.db"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(
        data.resolve("tls"), PosixFilePermissions.fromString("rwxr-xr-x"));
    try (GatewayProcess second = GatewayProcess.onFreePort(data, "--no-demo")) {
      assertThat(second.scim().list("/Devices", "").path("totalResults").asInt()).isEqualTo(1);
      assertOwnerOnly(data);
    }
  }

  private static void assertOwnerOnly(Path data) throws Exception {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(data)) {
      all = walk.toList();
    }
    assertThat(all).contains(data.resolve("registry.db"), data.resolve("tls"));
    for (Path path : all) {
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
      assertThat(mode)
          .as(data.relativize(path).toString())
          .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
    }
  }
}
