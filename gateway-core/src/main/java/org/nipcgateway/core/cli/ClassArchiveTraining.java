package org.nipcgateway.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.nipcgateway.core.Gateway;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.fleet.FleetSeeder;

/**
 * {@code java -jar nipc-gateway.jar cds-training}: the run the launcher makes once per build under
 * {@code -XX:ArchiveClassesAtExit}, so that later starts map the classes a start loads from a
 * class-data archive instead of reading and verifying them from the jar (about 8,000 classes, half
 * of a start's CPU; see docs/decisions.md). It starts the gateway as a default run would (TLS with
 * a generated certificate, demo fleet, simulated radios) on a throw-away data dir and free ports,
 * loads the fleet over HTTPS like the launcher does, stops, and exits 0, or 1 if any of it failed.
 */
final class ClassArchiveTraining {
  static final String COMMAND = "cds-training";
  private static final long STEP_SECONDS = 60;

  private final PrintStream err;

  ClassArchiveTraining(PrintStream err) {
    this.err = err;
  }

  int run() {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("nipc-cds-training");
    } catch (IOException e) {
      err.println("nipc-gateway: cds-training: " + e.getMessage());
      return 1;
    }
    try {
      LaunchOptions options =
          LaunchOptions.parse(
              List.of("--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
      // Only the ports from the environment: the operator's settings must not move the training
      // onto a port a running gateway holds.
      Setup setup = Setup.of(options, Map.of("NIPC_MQTT_PORT", "0", "NIPC_MQTT_TLS_PORT", "0"));
      Gateway gateway =
          Gateway.start(setup.config())
              .toCompletionStage()
              .toCompletableFuture()
              .get(STEP_SECONDS, TimeUnit.SECONDS);
      try {
        setup
            .fleet()
            .ifPresent(
                fleet ->
                    FleetSeeder.asOperator(setup.config(), "127.0.0.1", gateway.httpPort())
                        .seed(fleet));
      } finally {
        gateway.stop().toCompletableFuture().get(STEP_SECONDS, TimeUnit.SECONDS);
      }
      return 0;
    } catch (ConfigException | ExecutionException | TimeoutException e) {
      err.println("nipc-gateway: cds-training: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      deleteTree(dataDir);
    }
  }

  private void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(ClassArchiveTraining::delete);
    } catch (IOException | UncheckedIOException e) {
      err.println("nipc-gateway: cds-training: could not remove " + root + ": " + e.getMessage());
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
