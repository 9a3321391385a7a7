package org.nipcgateway.core.http;

import io.vertx.ext.web.Route;

/**
 * Refuses a query string that does not decode (a stray {@code %}, a broken escape) with 400 before
 * any handler asks for its parameters, which would otherwise fail deep inside with an internal
 * error.
 *
 * <p>It decodes through the request's own {@code params()}, not the routing context's {@code
 * queryParams()}: Vert.x Web puts every path parameter into the request's params, so that map is
 * decoded on every route with a {@code :param} anyway, and handlers on hot routes read their query
 * from it (one decode per request instead of two).
 */
public final class QueryCheck {
  private QueryCheck() {}

  /** Adds the check to {@code first}, the route every request passes first. */
  public static void addTo(Route first, MalformedRequests malformed) {
    first.handler(
        ctx -> {
          try {
            ctx.request().params();
          } catch (IllegalArgumentException e) {
            malformed.refuse(ctx, "the query string is malformed");
            return;
          }
          ctx.next();
        });
  }
}
