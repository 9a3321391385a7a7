package org.nipcgateway.core.security;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.HttpException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} open HTTP connections. A connection beyond that is not dropped in silence:
 * its request gets a 503 problem with {@code Retry-After}, and the connection is closed.
 */
public final class ConnectionLimit {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final Set<HttpConnection> excess = ConcurrentHashMap.newKeySet();

  public ConnectionLimit(int max) {
    this.max = max;
  }

  /** Counts the server's connections. */
  public void watch(HttpServer server) {
    server.connectionHandler(
        connection -> {
          if (open.incrementAndGet() > max) {
            excess.add(connection);
          }
          connection.closeHandler(
              v -> {
                open.decrementAndGet();
                excess.remove(connection);
              });
        });
  }

  /** The root router's first handler: turns away requests on connections over the limit. */
  public void install(Router router) {
    router
        .route()
        .order(-1000)
        .handler(
            ctx -> {
              if (excess.contains(ctx.request().connection())) {
                ctx.response().putHeader("Retry-After", "1").putHeader("Connection", "close");
                ctx.fail(new HttpException(503, "too many open connections; retry shortly"));
                return;
              }
              ctx.next();
            });
  }
}
