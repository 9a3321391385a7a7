package org.nipcgateway.core.security;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Who did what to which device: one JSON line per guarded request (the {@link AuditFile}, {@code
 * audit.log} in the data dir). The line holds the caller's id, never a credential; the request's
 * path, never its body or query string. Recording only captures the fields; the line is formatted
 * and written by the audit writer's thread.
 */
public final class AuditLog {
  private final Clock clock;
  private final AuditSink sink;

  AuditLog(Clock clock, AuditSink sink) {
    this.clock = clock;
    this.sink = sink;
  }

  /** A request that was let in, once its response is finished. */
  void record(Principal principal, RoutingContext ctx, String route) {
    sink.append(entry(principal, ctx, route, ctx.response().getStatusCode(), false));
  }

  /** A request that was turned away. */
  void denied(Principal principal, RoutingContext ctx, String route, int status) {
    sink.append(entry(principal, ctx, route, status, true));
  }

  /** For a refused caller: which credential carrier it tried, if it was the API key header. */
  private static String refusedVia(RoutingContext ctx) {
    return ctx.request().getHeader(Authenticator.API_KEY) != null
        ? Authenticator.API_KEY_HEADER
        : "none";
  }

  private AuditEntry entry(
      Principal principal, RoutingContext ctx, String route, int status, boolean denied) {
    return new AuditEntry(
        clock.millis(),
        principal == null ? "anonymous" : principal.id(),
        principal == null ? refusedVia(ctx) : principal.method(),
        ctx.request().method().name(),
        route,
        ctx.request().path(),
        status,
        ctx.pathParam("id"),
        denied);
  }
}
