package org.nipcgateway.core.security;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.nipcgateway.core.eventloop.IoLoopContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps clients without credentials from holding the gateway's HTTP connections (issue 15, finding
 * 2):
 *
 * <ul>
 *   <li>at most {@code maxConnections} open; requests on more get a 503 problem with {@code
 *       Retry-After}, then the connection is closed;
 *   <li>at most {@code maxConnectionsPerAddress} from one address; more are closed at once;
 *   <li>anonymous connections (no request with credentials or to {@code /health} yet) take at most
 *       {@code maxConnections - reservedConnections}: beyond that the oldest one still waiting for
 *       its first request is closed to make room, and an anonymous request gets 503, so the reserve
 *       serves health probes and authenticated callers;
 *   <li>each request head must arrive in time (slowloris, idle keep-alive) and each body too (slow
 *       body); the TLS handshake and idle timeouts (slow read) are the HTTP server's own.
 * </ul>
 */
public final class ConnectionLimit {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);
  // Pre-encoded, in the spelling the gateway has always sent.
  private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");
  private static final CharSequence ONE_SECOND = HttpHeaders.createOptimized("1");
  private static final CharSequence CONNECTION = HttpHeaders.createOptimized("Connection");
  private static final CharSequence CLOSE = HttpHeaders.createOptimized("close");

  private final Vertx vertx;
  private final ConnectionSettings settings;
  private final Map<HttpConnection, OpenConnection> open = new ConcurrentHashMap<>();
  private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<OpenConnection> waiting = new ConcurrentLinkedDeque<>();
  private final AtomicInteger trusted = new AtomicInteger();

  ConnectionLimit(Vertx vertx, ConnectionSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  /** The TLS handshake and idle timeouts, which the HTTP server enforces itself. */
  public void applyTo(HttpServerOptions options) {
    settings.applyTo(options);
  }

  /**
   * Counts the server's connections and sets each one's first deadline. Vert.x calls a connection's
   * own handlers on the connection's event loop, which is not the engine's when HTTP is served on
   * several loops (decisions §47), so their accounting hops to {@code engine}, where the requests'
   * accounting runs: the open-connection state is changed on one thread only.
   */
  public void watch(HttpServer server, Context engine) {
    server.connectionHandler(
        connection -> {
          // Registered here, on the connection's loop, before its close can be seen there: a
          // connection that closes before the engine has counted it is still uncounted after.
          connection.closeHandler(v -> onEngine(engine, () -> closed(connection)));
          onEngine(engine, () -> opened(connection));
        });
  }

  private static void onEngine(Context engine, Runnable task) {
    if (IoLoopContexts.onEngine(engine)) {
      task.run();
    } else {
      engine.runOnContext(v -> task.run());
    }
  }

  private void opened(HttpConnection connection) {
    String address =
        connection.remoteAddress() == null ? "?" : connection.remoteAddress().hostAddress();
    OpenConnection state =
        new OpenConnection(vertx, connection, address, open.size() >= settings.maxConnections());
    open.put(connection, state);
    int fromThere = perAddress.merge(address, 1, Integer::sum);
    if (fromThere > settings.maxPerAddress()) {
      LOG.debug("Closing a connection from {}: {} open from there", address, fromThere);
      state.close();
      return;
    }
    if (open.size() - trusted.get() > anonymousCap()) {
      OpenConnection oldest = waiting.pollFirst();
      if (oldest != null) {
        LOG.debug("Closing an idle anonymous connection from {} to make room", oldest.address);
        oldest.close();
      }
    }
    waiting.addLast(state);
    state.awaitHead(settings.headTimeoutMs());
  }

  private void closed(HttpConnection connection) {
    OpenConnection state = open.remove(connection);
    if (state == null) {
      return;
    }
    state.cancelHead();
    if (state.trusted()) {
      trusted.decrementAndGet();
    }
    waiting.remove(state);
    perAddress.computeIfPresent(state.address, (k, n) -> n <= 1 ? null : n - 1);
  }

  private int anonymousCap() {
    return settings.maxConnections() - settings.reserved();
  }

  /**
   * Adds the admission to {@code first}, the route every request passes first: admits, refuses or
   * times each request.
   */
  public void addTo(Route first) {
    first.handler(this::admit);
  }

  private void admit(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    OpenConnection state = open.get(request.connection());
    if (state == null) {
      ctx.next();
      return;
    }
    if (state.waitingForFirstRequest()) {
      waiting.remove(state);
    }
    state.requestStarted();
    // Runs here when the response ends, but on the connection's loop when the connection dies
    // first (Vert.x dispatches that on the thread that saw the close).
    Context here = ctx.vertx().getOrCreateContext();
    ctx.addEndHandler(done -> onEngine(here, () -> state.requestEnded(settings.headTimeoutMs())));
    if (!state.trusted() && showsCredentialsOrAsksForHealth(request)) {
      state.trust();
      trusted.incrementAndGet();
    }
    if (state.excess) {
      refuse(ctx, state, "too many open connections; retry shortly");
      return;
    }
    if (!state.trusted() && open.size() - trusted.get() > anonymousCap()) {
      refuse(ctx, state, "too many connections without credentials; retry shortly");
      return;
    }
    timeBody(ctx, state);
    ctx.next();
  }

  /** Closes the connection unless the request's body has fully arrived in time. */
  private void timeBody(RoutingContext ctx, OpenConnection state) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded() || hasNoBody(request)) {
      return;
    }
    long timer =
        vertx.setTimer(
            settings.bodyTimeoutMs(),
            id -> {
              if (!request.isEnded()) {
                LOG.debug("Closing a connection from {}: request body too slow", state.address);
                state.close();
              }
            });
    ctx.addEndHandler(done -> vertx.cancelTimer(timer));
  }

  /**
   * An HTTP/1.x request with neither a length nor chunked encoding has no body (RFC 9112 section
   * 6.3), so there is nothing to time: most GETs, which would otherwise set and cancel a timer
   * each. HTTP/2 frames its bodies itself; it is timed as before.
   */
  private static boolean hasNoBody(HttpServerRequest request) {
    return request.version() != io.vertx.core.http.HttpVersion.HTTP_2
        && !request.headers().contains(HttpHeaders.CONTENT_LENGTH)
        && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
  }

  private static void refuse(RoutingContext ctx, OpenConnection state, String reason) {
    ctx.response().putHeader(RETRY_AFTER, ONE_SECOND).putHeader(CONNECTION, CLOSE);
    ctx.addEndHandler(done -> state.close());
    ctx.fail(new HttpException(503, reason));
  }

  /**
   * Whether the request may use the reserve: a health probe, or one that shows a credential (its
   * check comes later; a wrong one counts as a failed login from the address) or a client
   * certificate.
   */
  private static boolean showsCredentialsOrAsksForHealth(HttpServerRequest request) {
    return request.path().startsWith("/health")
        || request.headers().contains(HttpHeaders.AUTHORIZATION)
        || request.headers().contains(Authenticator.API_KEY)
        || hasClientCertificate(request.connection());
  }

  private static boolean hasClientCertificate(HttpConnection connection) {
    if (!connection.isSsl()) {
      return false;
    }
    try {
      return !connection.peerCertificates().isEmpty();
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      return false;
    }
  }
}
