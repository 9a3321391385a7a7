package org.nipcgateway.core.http;

import io.vertx.core.Vertx;
import java.util.Optional;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.events.EventHub;
import org.nipcgateway.core.metrics.GatewayMetrics;
import org.nipcgateway.core.radios.Radios;
import org.nipcgateway.core.security.DeviceScope;
import org.nipcgateway.core.security.RouteTable;
import org.nipcgateway.core.security.SecretBox;
import org.nipcgateway.core.security.ServerTls;
import org.nipcgateway.core.security.SessionAudit;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * What the gateway hands every API module: the shared services, built once at start. Modules add
 * their routes through {@link #routes()}, which guards each one with its access rule.
 *
 * @param tls the server certificate; empty when the gateway runs with {@code --insecure-http}
 * @param metrics the gateway's meters, scraped at {@code GET /metrics} (counting nothing when the
 *     config turns metrics off)
 * @param sessionAudit the audit log, for what a module's own sessions (MQTT) do
 */
public record GatewayContext(
    Vertx vertx,
    GatewayConfig config,
    ResourceStore store,
    PublicUrls urls,
    Radios radios,
    EventHub events,
    SecretBox secrets,
    RouteTable routes,
    DeviceScope deviceScope,
    Optional<ServerTls> tls,
    GatewayMetrics metrics,
    SessionAudit sessionAudit) {

  /**
   * One of the module's config sections ({@link ApiModule#configSections()}), empty when the config
   * has none. The module reads every key it supports, then calls {@link
   * org.nipcgateway.core.config.Settings#rejectUnknownKeys()}.
   */
  public Settings settings(String section) {
    return config.settings(section);
  }
}
