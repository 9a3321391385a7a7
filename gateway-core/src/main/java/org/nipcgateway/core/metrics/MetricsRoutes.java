package org.nipcgateway.core.metrics;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * {@code GET /metrics}: the Prometheus text format (version 0.0.4) of every meter. Scraping formats
 * every meter, so it runs on a worker rather than on the event loop serving requests.
 */
public final class MetricsRoutes {
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final GatewayMetrics metrics;
  private final MetricsSettings settings;

  public MetricsRoutes(Vertx vertx, GatewayMetrics metrics, MetricsSettings settings) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.settings = settings;
  }

  /** Mounts the route unless metrics are off (then it does not exist: 404). */
  public void mount(RouteTable.Routes routes) {
    if (!settings.enabled()) {
      return;
    }
    AccessRule rule =
        settings.access() == MetricsSettings.Access.OPEN
            ? AccessRule.open()
            : AccessRule.anyOperator();
    routes.get("/metrics", rule).handler(this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    vertx
        .executeBlocking(() -> metrics.scrape().orElse(""), false)
        .onSuccess(
            text ->
                ctx.response()
                    .putHeader("Content-Type", TEXT_FORMAT)
                    .putHeader("Cache-Control", "no-store")
                    .end(text))
        .onFailure(ctx::fail);
  }
}
