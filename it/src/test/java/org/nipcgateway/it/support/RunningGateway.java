package org.nipcgateway.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nipcgateway.core.Gateway;
import org.nipcgateway.core.config.GatewayConfig;

/** A whole gateway in this JVM, on a free port with a fresh data directory. */
public final class RunningGateway implements AutoCloseable {
  private final Gateway gateway;
  private final Path dataDir;
  private final int blockedBefore = BlockedThreadRecorder.warnings().size();

  private RunningGateway(Gateway gateway, Path dataDir) {
    this.gateway = gateway;
    this.dataDir = dataDir;
  }

  public static RunningGateway start() {
    return start(GatewayConfig.builder());
  }

  /** A gateway with these settings (host, port and data dir are the test's own). */
  public static RunningGateway start(GatewayConfig.Builder config) {
    try {
      return start(Files.createTempDirectory("nipc-it-"), config);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static RunningGateway start(Path dataDir, GatewayConfig.Builder config) {
    GatewayConfig built =
        config
            .httpHost("127.0.0.1")
            .httpPort(0)
            .dataDir(dataDir)
            .moduleSettingIfAbsent("streaming", "mqtt", "port", 0)
            .build();
    try {
      Gateway gateway =
          Gateway.start(built).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new RunningGateway(gateway, dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("gateway did not start", e);
    }
  }

  public ScimClient scim() {
    return new ScimClient("http://127.0.0.1:" + gateway.httpPort());
  }

  public int port() {
    return gateway.httpPort();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the gateway, then fails if any event loop was blocked while it ran. */
  @Override
  public void close() {
    try {
      gateway.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("gateway did not stop; threads:" + threads(), e);
    }
    List<String> warnings = BlockedThreadRecorder.warnings();
    if (warnings.size() > blockedBefore) {
      throw new AssertionError(
          "an event loop was blocked: " + warnings.subList(blockedBefore, warnings.size()));
    }
  }

  /** Every thread's stack, so a stop that hangs says where. */
  private static String threads() {
    StringBuilder out = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              out.append("\n").append(thread.getName()).append(" ").append(thread.getState());
              for (int i = 0; i < Math.min(12, stack.length); i++) {
                out.append("\n    ").append(stack[i]);
              }
            });
    return out.toString();
  }
}
