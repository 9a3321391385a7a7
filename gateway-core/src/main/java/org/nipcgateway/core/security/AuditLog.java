package org.nipcgateway.core.security;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what to which device: one JSON line per guarded request on the {@code nipc.audit} logger
 * (the shipped logback configuration writes it, from a worker thread, to {@code audit.log} in the
 * data dir, rolling over at 10 MB and keeping five old files). The line holds the caller's id,
 * never a credential; the request's path, never its body or query string.
 */
public final class AuditLog {
  private static final Logger AUDIT = LoggerFactory.getLogger("nipc.audit");

  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  /** A request that was let in, once its response is finished. */
  void record(Principal principal, RoutingContext ctx, String route) {
    if (AUDIT.isInfoEnabled()) {
      AUDIT.info("{}", line(principal, ctx, route, ctx.response().getStatusCode()).encode());
    }
  }

  /** A request that was turned away. */
  void denied(Principal principal, RoutingContext ctx, String route, int status) {
    if (AUDIT.isInfoEnabled()) {
      AUDIT.info("{}", line(principal, ctx, route, status).put("denied", true).encode());
    }
  }

  /** For a refused caller: which credential carrier it tried, if it was the API key header. */
  private static String refusedVia(RoutingContext ctx) {
    return ctx.request().getHeader(Authenticator.API_KEY_HEADER) != null
        ? Authenticator.API_KEY_HEADER
        : "none";
  }

  private JsonObject line(Principal principal, RoutingContext ctx, String route, int status) {
    JsonObject line =
        new JsonObject()
            .put("time", clock.instant().toString())
            .put("caller", principal == null ? "anonymous" : principal.id())
            .put("via", principal == null ? refusedVia(ctx) : principal.method())
            .put("method", ctx.request().method().name())
            .put("route", route)
            .put("path", ctx.request().path())
            .put("status", status);
    String target = ctx.pathParam("id");
    if (target != null) {
      line.put("target", target);
    }
    return line;
  }
}
