package org.nipcgateway.core.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;

/**
 * The gateway's Vert.x instance with its meters. Vert.x keeps HTTP server meters labelled by
 * method, status code and route template only (never the path: a path names a device), and the
 * worker pools' (the request meters looked up once per label combination: {@link
 * CachedHttpServerMetrics}); client-side meters are off because they are labelled by remote
 * address, which data apps choose (webhooks), so their number would have no bound.
 */
public record Metered(Vertx vertx, GatewayMetrics metrics, MetricsSettings settings) {

  public static Metered vertx(MetricsSettings settings) {
    VertxOptions options = new VertxOptions().setPreferNativeTransport(false);
    if (!settings.enabled()) {
      return new Metered(Vertx.vertx(options), GatewayMetrics.none(), settings);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metricsOptions =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            // Vert.x keeps its backends by name in a JVM-wide table: a second gateway in one JVM
            // (tests) under the default name would report into the first one's registry.
            .setRegistryName("nipc-gateway-" + System.identityHashCode(registry))
            .setJvmMetricsEnabled(true)
            .setLabels(
                EnumSet.of(
                    Label.HTTP_METHOD,
                    Label.HTTP_CODE,
                    Label.HTTP_ROUTE,
                    Label.POOL_TYPE,
                    Label.POOL_NAME));
    for (MetricsDomain off :
        EnumSet.of(
            MetricsDomain.HTTP_CLIENT,
            MetricsDomain.NET_CLIENT,
            MetricsDomain.DATAGRAM_SOCKET,
            MetricsDomain.EVENT_BUS,
            MetricsDomain.VERTICLES)) {
      metricsOptions.addDisabledMetricsCategory(off);
    }
    Vertx vertx =
        Vertx.builder()
            .with(options.setMetricsOptions(metricsOptions))
            .withMetrics(
                CachingVertxMetrics.factory(
                    new MicrometerMetricsFactory(registry),
                    registry,
                    metricsOptions.getMetricsNaming()))
            .build();
    return new Metered(vertx, GatewayMetrics.prometheus(registry), settings);
  }
}
