package org.nipcgateway.core.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nipcgateway.core.Gateway;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.fleet.Fleet;
import org.nipcgateway.core.fleet.FleetSeeder;
import org.nipcgateway.core.security.TlsRenegotiation;

/**
 * The command-line entry point behind {@code ./nipc-gateway}. Exit codes: 0 after a clean stop or
 * {@code --help}, 2 for a bad option or setting, 1 when the gateway could not start.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Before anything could create a TLS engine (the JDK reads it once).
    TlsRenegotiation.refuseClientInitiated();
    if (args.length > 0 && args[0].equals("token")) {
      int status =
          new TokenCommand(System.out, System.err).run(Arrays.asList(args).subList(1, args.length));
      if (status != 0) {
        System.exit(status);
      }
      return;
    }
    if (args.length > 0 && args[0].equals(ClassArchiveTraining.COMMAND)) {
      System.exit(new ClassArchiveTraining(System.err).run());
      return;
    }
    Setup setup;
    try {
      LaunchOptions options = LaunchOptions.parse(Arrays.asList(args));
      if (options.help()) {
        System.out.print(LaunchOptions.USAGE);
        return;
      }
      setup = Setup.of(options, System.getenv());
    } catch (ConfigException e) {
      System.err.println("nipc-gateway: " + e.getMessage());
      System.exit(2);
      return;
    }
    GatewayConfig config = setup.config();
    Optional<Fleet> fleet = setup.fleet();
    Gateway gateway = run(config);
    if (fleet.isPresent()) {
      seed(gateway, config, fleet.get());
    }
  }

  private static void seed(Gateway gateway, GatewayConfig config, Fleet fleet) {
    String host = config.httpHost();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    try {
      FleetSeeder.asOperator(config, host, gateway.httpPort()).seed(fleet);
    } catch (ConfigException e) {
      System.err.println("nipc-gateway: " + e.getMessage());
      System.exit(2);
    }
  }

  private static Gateway run(GatewayConfig config) {
    CompletableFuture<Gateway> starting =
        Gateway.start(config).toCompletionStage().toCompletableFuture();
    // Registered before the start completes, so that a SIGTERM arriving at any moment after the
    // server listens still stops the gateway gracefully.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stopWhenStarted(starting), "nipc-shutdown"));
    try {
      return starting.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      System.err.println("nipc-gateway: cannot start: " + (cause == null ? e : cause.getMessage()));
      System.exit(cause instanceof ConfigException ? 2 : 1);
    } catch (InterruptedException | TimeoutException e) {
      System.err.println("nipc-gateway: cannot start: " + e);
      System.exit(1);
    }
    throw new IllegalStateException("unreachable: exit was requested");
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
