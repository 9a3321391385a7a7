package org.nipcgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the two servers the way they run for real: the gateway as {@code java OPTIONS -jar
 * nipc-gateway.jar} with the JVM options of the {@code nipc-gateway} launcher ({@link
 * LauncherOptions}) and its class-data archive, the bare handler as a plain JVM with the
 * benchmark's class path. Both on the server CPU, on loopback, plain HTTP.
 */
final class ServerLauncher {
  private final Path gatewayJar;
  private final Path logs;
  private final Pinning pinning;
  private final List<String> jvmOptions;
  private final List<String> archiveOptions;

  /**
   * @param archiveOptions the class-data archive's options ({@link ClassDataArchive}), added to
   *     every gateway start whatever its other options
   */
  ServerLauncher(
      Path gatewayJar,
      Path logs,
      Pinning pinning,
      List<String> jvmOptions,
      List<String> archiveOptions) {
    this.gatewayJar = gatewayJar;
    this.logs = logs;
    this.pinning = pinning;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.archiveOptions = List.copyOf(archiveOptions);
  }

  /** The same launcher with other JVM options for the gateway (the same archive). */
  ServerLauncher withJvmOptions(List<String> options) {
    return new ServerLauncher(gatewayJar, logs, pinning, options, archiveOptions);
  }

  /** The class-data archive's options, for the report: empty when starts go without one. */
  List<String> archiveOptions() {
    return archiveOptions;
  }

  /** The gateway's JVM options, for the report. */
  List<String> jvmOptions() {
    return jvmOptions;
  }

  ServerProcess bare(String logName, int port) {
    List<String> command =
        List.of(
            java(),
            "-cp",
            System.getProperty("java.class.path"),
            BareServer.class.getName(),
            Integer.toString(port));
    return ServerProcess.start(
        "bare", pinning.server(command), Map.of(), logs.resolve(logName + ".log"));
  }

  /**
   * The gateway with the demo fleet on a data dir of its own. The MQTT broker gets free ports; the
   * per-client rate limit is lifted so that it measures the gateway, not its refusals (the limiter
   * still runs on every request).
   */
  ServerProcess gateway(String logName, Path dataDir, int port) {
    return gateway(logName, dataDir, port, List.of());
  }

  /** The same with more launcher arguments, e.g. {@code --config FILE --no-demo}. */
  ServerProcess gateway(String logName, Path dataDir, int port, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.addAll(archiveOptions);
    command.addAll(
        List.of(
            "-jar",
            gatewayJar.toString(),
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--data-dir",
            dataDir.toString(),
            "--insecure-http"));
    command.addAll(arguments);
    Map<String, String> env =
        Map.of("NIPC_MQTT_PORT", "0", "NIPC_MQTT_TLS_PORT", "0", "NIPC_RATE_LIMIT", "1000000");
    return ServerProcess.start(
        "gateway", pinning.server(command), env, logs.resolve(logName + ".log"));
  }

  /** An operator token with every role, made by the launcher's own {@code token create}. */
  String operatorToken(Path dataDir) {
    List<String> command =
        List.of(
            java(),
            "-jar",
            gatewayJar.toString(),
            "token",
            "create",
            "--role",
            "provisioning,control,data",
            "--data-dir",
            dataDir.toString());
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
        throw new IllegalStateException("token create failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
