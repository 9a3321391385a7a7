package org.nipcgateway.core.security;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * The gateway's security parts, wired once from the {@code security} config section: who a caller
 * is, what it may do, how often, and the table of guarded routes.
 */
public final class GatewaySecurity {
  private final RouteTable routes;
  private final DeviceScope deviceScope;
  private final ConnectionLimit connections;
  private final AuditFile audit;
  private final RateLimiter malformedRequests;

  private GatewaySecurity(
      RouteTable routes,
      DeviceScope deviceScope,
      ConnectionLimit connections,
      AuditFile audit,
      RateLimiter malformedRequests) {
    this.routes = routes;
    this.deviceScope = deviceScope;
    this.connections = connections;
    this.audit = audit;
    this.malformedRequests = malformedRequests;
  }

  /** Blocking: opens the audit log, reads the JWKS file when one is configured. */
  public static GatewaySecurity create(Vertx vertx, GatewayConfig config, ResourceStore store)
      throws java.io.IOException {
    SecuritySettings settings = SecuritySettings.from(config.settings("security"));
    Clock clock = Clock.systemUTC();
    OperatorTokens tokens =
        new OperatorTokens(vertx, new OperatorTokenFile(config.dataDir()), clock);
    Authenticator authenticator =
        new Authenticator(store, tokens, JwtBearer.fromSettings(vertx, settings.jwt()));
    DeviceScope scope = new DeviceScope(store);
    AuditFile audit = AuditFile.open(config.dataDir());
    AccessGuard guard =
        new AccessGuard(
            authenticator,
            scope,
            new RateLimiter(settings.perSecond(), settings.burst(), System::nanoTime),
            new AuditLog(clock, audit));
    return new GatewaySecurity(
        new RouteTable(guard),
        scope,
        new ConnectionLimit(vertx, settings.connections()),
        audit,
        new RateLimiter(
            settings.malformedPerSecond(), settings.malformedBurst(), System::nanoTime));
  }

  /** Blocking: writes the audit lines still queued and closes the audit log. */
  public void close() {
    audit.close();
  }

  public RouteTable routes() {
    return routes;
  }

  public DeviceScope deviceScope() {
    return deviceScope;
  }

  /** Per address: requests that do not even parse (broken escapes). */
  public RateLimiter malformedRequests() {
    return malformedRequests;
  }

  /** The audit log, for modules whose sessions are not HTTP requests. */
  public SessionAudit sessionAudit() {
    return audit::append;
  }

  public ConnectionLimit connections() {
    return connections;
  }
}
