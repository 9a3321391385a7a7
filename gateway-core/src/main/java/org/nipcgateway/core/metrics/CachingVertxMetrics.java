package org.nipcgateway.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MetricsNaming;

/**
 * vertx-micrometer's meters, with the HTTP server's request meters kept by {@link
 * CachedHttpServerMetrics} instead; everything else is passed on as it is.
 */
final class CachingVertxMetrics implements VertxMetrics {
  private final VertxMetrics metrics;
  private final CachedHttpServerMetrics.Meters requestMeters;

  private CachingVertxMetrics(VertxMetrics metrics, MeterRegistry registry, MetricsNaming names) {
    this.metrics = metrics;
    this.requestMeters = new CachedHttpServerMetrics.Meters(registry, names);
  }

  /** A factory that makes {@code factory}'s metrics, their HTTP server request meters cached. */
  static VertxMetricsFactory factory(
      VertxMetricsFactory factory, MeterRegistry registry, MetricsNaming names) {
    return new VertxMetricsFactory() {
      @Override
      public VertxMetrics metrics(VertxOptions options) {
        return new CachingVertxMetrics(factory.metrics(options), registry, names);
      }

      @Override
      public MetricsOptions newOptions() {
        return factory.newOptions();
      }

      @Override
      public MetricsOptions newOptions(MetricsOptions options) {
        return factory.newOptions(options);
      }

      @Override
      public MetricsOptions newOptions(JsonObject json) {
        return factory.newOptions(json);
      }
    };
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(
      HttpServerOptions options, SocketAddress localAddress) {
    HttpServerMetrics<?, ?, ?> server = metrics.createHttpServerMetrics(options, localAddress);
    return server == null ? null : cached(server);
  }

  @SuppressWarnings("unchecked")
  private <S> HttpServerMetrics<?, ?, ?> cached(HttpServerMetrics<?, ?, S> server) {
    // Only the socket and WebSocket methods are called on it, which take no request meter.
    return new CachedHttpServerMetrics<>(
        (HttpServerMetrics<Object, Object, S>) server, requestMeters);
  }

  @Override
  public EventBusMetrics<?> createEventBusMetrics() {
    return metrics.createEventBusMetrics();
  }

  @Override
  public ClientMetrics<?, ?, ?> createClientMetrics(
      SocketAddress remoteAddress, String type, String namespace) {
    return metrics.createClientMetrics(remoteAddress, type, namespace);
  }

  @Override
  public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
    return metrics.createHttpClientMetrics(options);
  }

  @Override
  public TCPMetrics<?> createNetServerMetrics(
      NetServerOptions options, SocketAddress localAddress) {
    return metrics.createNetServerMetrics(options, localAddress);
  }

  @Override
  public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
    return metrics.createNetClientMetrics(options);
  }

  @Override
  public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
    return metrics.createDatagramSocketMetrics(options);
  }

  @Override
  public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
    return metrics.createPoolMetrics(type, name, maxSize);
  }

  @Override
  public void vertxCreated(io.vertx.core.Vertx vertx) {
    metrics.vertxCreated(vertx);
  }

  @Override
  public boolean isMetricsEnabled() {
    return metrics.isMetricsEnabled();
  }

  @Override
  public void close() {
    metrics.close();
  }
}
