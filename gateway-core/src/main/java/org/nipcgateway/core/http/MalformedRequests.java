package org.nipcgateway.core.http;

import io.vertx.ext.web.RoutingContext;
import org.nipcgateway.core.security.RateLimiter;

/**
 * Answers requests that do not even parse (broken percent escapes in the path or query): a 400
 * problem, but an address that keeps sending them gets 429 and its connection closed, so that an
 * unauthenticated client cannot make the gateway spend its time on them (issue 15, finding 7).
 * Anyone can send these, which is why they are limited per address before anything else.
 */
public final class MalformedRequests {
  private final RateLimiter perAddress;

  /** With the per-address limiter of {@code security.malformedRequests}. */
  public MalformedRequests(RateLimiter perAddress) {
    this.perAddress = perAddress;
  }

  /** Sends the 400 problem, or 429 (and closes the connection) when the address sends too many. */
  void refuse(RoutingContext ctx, String detail) {
    var address = ctx.request().remoteAddress();
    long wait = perAddress.acquire(address == null ? "unknown" : address.hostAddress());
    if (wait == 0) {
      Problems.send(ctx, 400, "Bad Request", detail);
      return;
    }
    ctx.response().putHeader("Retry-After", Long.toString(wait)).putHeader("Connection", "close");
    ctx.addEndHandler(done -> ctx.request().connection().close());
    Problems.send(
        ctx, 429, "Too Many Requests", "too many malformed requests; retry after " + wait + " s");
  }
}
