package org.nipcgateway.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP server's request meters with the names, labels ({@code method}; {@code route} and {@code
 * code} on the response meters) and descriptions vertx-micrometer gives them, each meter looked up
 * once per label combination: vertx-micrometer looks up five meters in the registry per request (a
 * tenth of a NIPC read's CPU). Connection, byte and WebSocket meters stay vertx-micrometer's
 * ({@code connections}).
 *
 * <p>Assumes the socket meters carry no labels (neither {@code local} nor {@code remote} is
 * enabled, see {@link Metered}), so requests are told apart by method, route and status alone.
 * Vert.x calls a request's methods on its connection's event loop, one at a time; the meter tables
 * are shared by every event loop.
 */
final class CachedHttpServerMetrics<S>
    implements HttpServerMetrics<CachedHttpServerMetrics.Request, Object, S> {
  private static final String METHOD = Label.HTTP_METHOD.toString();
  private static final String ROUTE = Label.HTTP_ROUTE.toString();
  private static final String CODE = Label.HTTP_CODE.toString();

  private final HttpServerMetrics<Object, Object, S> connections;
  private final Meters meters;

  CachedHttpServerMetrics(HttpServerMetrics<Object, Object, S> connections, Meters meters) {
    this.connections = connections;
    this.meters = meters;
  }

  /**
   * The request meters of every HTTP server of one Vert.x instance: with no address label, all of
   * them count into the same series (an active-request gauge per server would hide all but one).
   */
  static final class Meters {
    private final MeterRegistry registry;
    private final MetricsNaming names;
    private final ConcurrentMap<HttpMethod, MethodMeters> byMethod = new ConcurrentHashMap<>();
    private final RouteLabels labels = new RouteLabels();

    Meters(MeterRegistry registry, MetricsNaming names) {
      this.registry = registry;
      // vertx-micrometer's base name for the domain: vertx_http_server_requests_total and so on.
      this.names = names.withBaseName("vertx." + MetricsDomain.HTTP_SERVER.toCategory() + ".");
    }

    private MethodMeters of(HttpMethod method) {
      MethodMeters known = byMethod.get(method);
      return known != null
          ? known
          : byMethod.computeIfAbsent(method, m -> new MethodMeters(registry, names, m.toString()));
    }
  }

  /** The meters of one request method, and of its responses by route and status. */
  private static final class MethodMeters {
    final MeterRegistry registry;
    final MetricsNaming names;
    final String method;
    final LongAdder active = new LongAdder();
    final DistributionSummary requestBytes;
    final ConcurrentMap<String, ConcurrentMap<Integer, ResponseMeters>> responses =
        new ConcurrentHashMap<>();

    MethodMeters(MeterRegistry registry, MetricsNaming names, String method) {
      this.registry = registry;
      this.names = names;
      this.method = method;
      Gauge.builder(names.getHttpActiveRequests(), active, LongAdder::doubleValue)
          .description("Number of requests being processed")
          .tag(METHOD, method)
          .strongReference(true)
          .register(registry);
      requestBytes =
          DistributionSummary.builder(names.getHttpRequestBytes())
              .description("Size of requests in bytes")
              .tag(METHOD, method)
              .register(registry);
    }

    ResponseMeters response(String route, int code) {
      ConcurrentMap<Integer, ResponseMeters> byCode =
          responses.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
      ResponseMeters known = byCode.get(code);
      return known != null
          ? known
          : byCode.computeIfAbsent(code, c -> new ResponseMeters(this, route, c));
    }
  }

  /** The meters of one method, route and status. */
  private static final class ResponseMeters {
    final Counter requests;
    final Timer time;
    final DistributionSummary bytes;

    ResponseMeters(MethodMeters of, String route, int code) {
      MeterRegistry registry = of.registry;
      MetricsNaming names = of.names;
      String method = of.method;
      String status = String.valueOf(code);
      requests =
          Counter.builder(names.getHttpRequestsCount())
              .description("Number of processed requests")
              .tags(METHOD, method, ROUTE, route, CODE, status)
              .register(registry);
      time =
          Timer.builder(names.getHttpResponseTime())
              .description("Request processing time")
              .tags(METHOD, method, ROUTE, route, CODE, status)
              .register(registry);
      bytes =
          DistributionSummary.builder(names.getHttpResponseBytes())
              .description("Size of responses in bytes")
              .tags(METHOD, method, ROUTE, route, CODE, status)
              .register(registry);
    }
  }

  /** One request in flight. */
  static final class Request {
    private final MethodMeters meters;
    private final RouteLabels labels;
    private final long start = System.nanoTime();
    private String route;
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean reset;

    private Request(MethodMeters meters, RouteLabels labels) {
      this.meters = meters;
      this.labels = labels;
    }

    /** Vert.x Web reports each router's matched route in turn; the label joins them with '>'. */
    private void routed(String next) {
      if (next != null) {
        route = route == null ? next : labels.join(route, next);
      }
    }
  }

  private Request begin(HttpMethod method) {
    MethodMeters of = meters.of(method);
    of.active.increment();
    return new Request(of, meters.labels);
  }

  @Override
  public Request requestBegin(S socketMetric, HttpRequest request) {
    return begin(request.method());
  }

  @Override
  public void requestEnd(Request request, HttpRequest httpRequest, long bytesRead) {
    MethodMeters of = request.meters;
    of.requestBytes.record(bytesRead);
    request.requestEnded = true;
    if (!request.reset && request.responseEnded) {
      of.active.decrement();
    }
  }

  @Override
  public void requestReset(Request request) {
    MethodMeters of = request.meters;
    // Rare: looked up each time, and only once one happens (as vertx-micrometer does).
    Counter.builder(of.names.getHttpRequestResetsCount())
        .description("Number of request resets")
        .tag(METHOD, of.method)
        .register(of.registry)
        .increment();
    of.active.decrement();
    request.reset = true;
  }

  @Override
  public Request responsePushed(S socketMetric, HttpMethod method, String uri, HttpResponse r) {
    return begin(method);
  }

  @Override
  public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
    MethodMeters of = request.meters;
    String route = request.route == null ? "" : request.route;
    ResponseMeters done = of.response(route, response.statusCode());
    done.requests.increment();
    done.time.record(System.nanoTime() - request.start, TimeUnit.NANOSECONDS);
    done.bytes.record(bytesWritten);
    request.responseEnded = true;
    if (!request.reset && request.requestEnded) {
      of.active.decrement();
    }
  }

  @Override
  public void requestRouted(Request request, String route) {
    request.routed(route);
  }

  /** vertx-micrometer's WebSocket gauge reads only the socket's labels, not the request's. */
  @Override
  public Object connected(S socketMetric, Request request, ServerWebSocket webSocket) {
    return connections.connected(socketMetric, null, webSocket);
  }

  @Override
  public void disconnected(Object webSocketMetric) {
    connections.disconnected(webSocketMetric);
  }

  @Override
  public S connected(SocketAddress remoteAddress, String remoteName) {
    return connections.connected(remoteAddress, remoteName);
  }

  @Override
  public void disconnected(S socketMetric, SocketAddress remoteAddress) {
    connections.disconnected(socketMetric, remoteAddress);
  }

  @Override
  public void bytesRead(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    connections.bytesRead(socketMetric, remoteAddress, numberOfBytes);
  }

  @Override
  public void bytesWritten(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    connections.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
  }

  @Override
  public void exceptionOccurred(S socketMetric, SocketAddress remoteAddress, Throwable t) {
    connections.exceptionOccurred(socketMetric, remoteAddress, t);
  }

  @Override
  public void close() {
    connections.close();
  }
}
