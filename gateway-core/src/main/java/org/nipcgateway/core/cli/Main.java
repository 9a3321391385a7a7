package org.nipcgateway.core.cli;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nipcgateway.core.Gateway;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.ConfigLoader;
import org.nipcgateway.core.config.GatewayConfig;

/**
 * The command-line entry point behind {@code ./nipc-gateway}. Exit codes: 0 after a clean stop or
 * {@code --help}, 2 for a bad option or setting, 1 when the gateway could not start.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    GatewayConfig config;
    try {
      LaunchOptions options = LaunchOptions.parse(Arrays.asList(args));
      if (options.help()) {
        System.out.print(LaunchOptions.USAGE);
        return;
      }
      GatewayConfig.Builder builder =
          new ConfigLoader(System.getenv()).load(options.configFile().orElse(null));
      config = options.applyTo(builder).build();
      if (config.fleetFile().isPresent()) {
        throw new ConfigException(
            "--fleet needs the simulated radios, which this build does not include yet");
      }
    } catch (ConfigException e) {
      System.err.println("nipc-gateway: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Read by logback.xml; set before the first logger is created.
    System.setProperty("nipc.log.level", config.logLevel());
    run(config);
  }

  private static void run(GatewayConfig config) {
    CompletableFuture<Gateway> starting =
        Gateway.start(config).toCompletionStage().toCompletableFuture();
    // Registered before the start completes, so that a SIGTERM arriving at any moment after the
    // server listens still stops the gateway gracefully.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stopWhenStarted(starting), "nipc-shutdown"));
    try {
      starting.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      System.err.println("nipc-gateway: cannot start: " + (cause == null ? e : cause.getMessage()));
      System.exit(cause instanceof ConfigException ? 2 : 1);
    } catch (InterruptedException | TimeoutException e) {
      System.err.println("nipc-gateway: cannot start: " + e);
      System.exit(1);
    }
  }

  private static void stopWhenStarted(CompletableFuture<Gateway> starting) {
    Gateway gateway;
    try {
      gateway = starting.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      return; // it never started, so there is nothing to stop
    }
    try {
      gateway.stop().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      System.err.println("nipc-gateway: unclean stop: " + e);
    }
  }
}
