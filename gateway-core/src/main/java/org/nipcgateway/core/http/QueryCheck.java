package org.nipcgateway.core.http;

import io.vertx.ext.web.Router;

/**
 * Refuses a query string that does not decode (a stray {@code %}, a broken escape) with 400 before
 * any handler asks for its parameters, which would otherwise fail deep inside with an internal
 * error.
 */
public final class QueryCheck {
  private QueryCheck() {}

  public static void install(Router router, MalformedRequests malformed) {
    router
        .route()
        .order(-900)
        .handler(
            ctx -> {
              try {
                ctx.queryParams();
              } catch (IllegalArgumentException e) {
                malformed.refuse(ctx, "the query string is malformed");
                return;
              }
              ctx.next();
            });
  }
}
