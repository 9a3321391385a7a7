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
  private final String operatorToken;
  private final java.net.http.HttpClient http;
  private final javax.net.ssl.SSLContext trust;
  private final String scheme;
  private final int blockedBefore = BlockedThreadRecorder.warnings().size();

  private RunningGateway(
      Gateway gateway,
      Path dataDir,
      String operatorToken,
      java.net.http.HttpClient http,
      javax.net.ssl.SSLContext trust,
      String scheme) {
    this.trust = trust;
    this.gateway = gateway;
    this.dataDir = dataDir;
    this.operatorToken = operatorToken;
    this.http = http;
    this.scheme = scheme;
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

  /**
   * Most tests talk plain HTTP to an in-process gateway (--insecure-http): they test what the API
   * does, and TLS is proven by the tests that start one with {@link #startTls}. Every gateway gets
   * an operator token with all roles, which {@link #scim()} sends.
   */
  public static RunningGateway start(Path dataDir, GatewayConfig.Builder config) {
    return start(dataDir, config.insecureHttp(true), false);
  }

  public static RunningGateway startTls(GatewayConfig.Builder config) {
    try {
      return startTls(Files.createTempDirectory("nipc-it-"), config);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A gateway serving TLS: the configured certificate, or its own self-signed one. */
  public static RunningGateway startTls(Path dataDir, GatewayConfig.Builder config) {
    return start(dataDir, config, true);
  }

  private static RunningGateway start(Path dataDir, GatewayConfig.Builder config, boolean tls) {
    GatewayConfig built =
        config
            .httpHost("127.0.0.1")
            .httpPort(0)
            .dataDir(dataDir)
            .moduleSettingIfAbsent("streaming", "mqtt", "port", 0)
            .moduleSettingIfAbsent("streaming", "mqtt", "tlsPort", 0)
            // Tests fire requests far faster than any client should; the limit has its own test.
            .moduleSettingIfAbsent("security", "rateLimit", "perSecond", 1_000_000)
            .moduleSettingIfAbsent("security", "rateLimit", "burst", 1_000_000)
            .moduleSettingIfAbsent("security", "malformedRequests", "perSecond", 1_000_000)
            .moduleSettingIfAbsent("security", "malformedRequests", "burst", 1_000_000)
            .build();
    try {
      String token = OperatorTokens.create(dataDir, "provisioning,control,data");
      Gateway gateway =
          Gateway.start(built).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      javax.net.ssl.SSLContext trust =
          tls
              ? org.nipcgateway.core.security.TrustedCertificate.context(
                  built.tlsCertFile().orElse(dataDir.resolve("tls").resolve("gateway-cert.pem")))
              : javax.net.ssl.SSLContext.getDefault();
      java.net.http.HttpClient http =
          java.net.http.HttpClient.newBuilder()
              .connectTimeout(java.time.Duration.ofSeconds(5))
              .sslContext(trust)
              .build();
      return new RunningGateway(gateway, dataDir, token, http, trust, tls ? "https" : "http");
    } catch (Exception e) {
      throw new IllegalStateException("gateway did not start", e);
    }
  }

  /** A client with the operator token (all roles, every object). */
  public ScimClient scim() {
    return new ScimClient(base(), http, operatorToken);
  }

  /** Loads a fleet's models and devices, as the launcher does. */
  public void seed(org.nipcgateway.core.fleet.Fleet fleet) {
    new org.nipcgateway.core.fleet.FleetSeeder(base(), trust, operatorToken).seed(fleet);
  }

  /** Trusts this gateway's certificate (the JDK default for plain HTTP). */
  public javax.net.ssl.SSLContext trust() {
    return trust;
  }

  /** A client without credentials. */
  public ScimClient anonymous() {
    return scim().withToken(null);
  }

  public String base() {
    return scheme + "://127.0.0.1:" + gateway.httpPort();
  }

  public java.util.List<org.nipcgateway.core.security.RouteTable.Entry> routes() {
    return gateway.routes();
  }

  public String operatorToken() {
    return operatorToken;
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
