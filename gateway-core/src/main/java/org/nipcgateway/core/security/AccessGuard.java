package org.nipcgateway.core.security;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Collections;
import java.util.Optional;

/**
 * The one place where every request is let in or turned away: authenticates the caller, applies the
 * per-client rate limit, checks the route's {@link AccessRule} (role, then an endpoint app's
 * device, group or data-app scope) and writes the audit record. Denials fail the routing context
 * with an {@link HttpException} (401, 403, 429), which each router's failure handler turns into its
 * own error format.
 */
public final class AccessGuard {
  private static final String PRINCIPAL = "nipc.principal";
  // Pre-encoded, in the spelling the gateway has always sent.
  private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");
  private static final CharSequence WWW_AUTHENTICATE =
      HttpHeaders.createOptimized("WWW-Authenticate");
  private static final CharSequence BEARER_CHALLENGE =
      HttpHeaders.createOptimized("Bearer realm=\"nipc-gateway\"");

  private final Authenticator authenticator;
  private final DeviceScope scope;
  private final RateLimiter limiter;
  private final AuditLog audit;

  public AccessGuard(
      Authenticator authenticator, DeviceScope scope, RateLimiter limiter, AuditLog audit) {
    this.authenticator = authenticator;
    this.scope = scope;
    this.limiter = limiter;
    this.audit = audit;
  }

  /** The caller of a request that passed a non-open rule. */
  public static Optional<Principal> principal(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(PRINCIPAL));
  }

  /** The handler that guards a route registered at {@code path} with {@code rule}. */
  public Handler<RoutingContext> handler(AccessRule rule, String path) {
    return ctx -> check(ctx, rule, path);
  }

  private void check(RoutingContext ctx, AccessRule rule, String path) {
    if (rule.isOpen()) {
      if (!limited(ctx, address(ctx))) {
        ctx.next();
      }
      return;
    }
    authenticator
        .authenticate(ctx.request())
        .onFailure(ctx::fail)
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                if (!limited(ctx, address(ctx))) {
                  ctx.response().putHeader(WWW_AUTHENTICATE, BEARER_CHALLENGE);
                  deny(ctx, null, path, 401, "missing or invalid credentials");
                }
                return;
              }
              Principal principal = found.get();
              if (limited(ctx, principal.id())) {
                return;
              }
              if (Collections.disjoint(principal.roles(), rule.roles())) {
                deny(ctx, principal, path, 403, "this needs the role " + rule.describe());
                return;
              }
              inScope(ctx, principal, rule)
                  .onFailure(ctx::fail)
                  .onSuccess(
                      allowed -> {
                        if (!allowed) {
                          deny(ctx, principal, path, 403, "not linked to this " + target(rule));
                          return;
                        }
                        ctx.put(PRINCIPAL, principal);
                        ctx.addEndHandler(v -> audit.record(principal, ctx, path));
                        ctx.next();
                      });
            });
  }

  private Future<Boolean> inScope(RoutingContext ctx, Principal principal, AccessRule rule) {
    if (principal.endpointApp().isEmpty()) {
      return Future.succeededFuture(true);
    }
    String app = principal.endpointApp().get();
    return switch (rule.target()) {
      case NONE -> Future.succeededFuture(true);
      case OPERATOR -> Future.succeededFuture(false);
      case DEVICE, GROUP ->
          scope.allows(
              principal,
              rule.target() == AccessRule.Target.GROUP,
              String.valueOf(ctx.pathParam(rule.parameter())));
      case DATA_APP -> Future.succeededFuture(app.equals(ctx.queryParams().get(rule.parameter())));
    };
  }

  private static String target(AccessRule rule) {
    return switch (rule.target()) {
      case DEVICE -> "device";
      case GROUP -> "group";
      case DATA_APP -> "data app";
      case OPERATOR -> "gateway-wide resource (operators only)";
      case NONE -> "resource";
    };
  }

  private boolean limited(RoutingContext ctx, String client) {
    long wait = limiter.acquire(client);
    if (wait == 0) {
      return false;
    }
    ctx.response().putHeader(RETRY_AFTER, Long.toString(wait));
    ctx.fail(new HttpException(429, "too many requests; retry after " + wait + " s"));
    return true;
  }

  private void deny(RoutingContext ctx, Principal principal, String path, int status, String why) {
    audit.denied(principal, ctx, path, status);
    ctx.fail(new HttpException(status, why));
  }

  /**
   * The rate limiter's key for a caller without credentials; built only for those (an authenticated
   * caller is limited by its id).
   */
  private static String address(RoutingContext ctx) {
    return "ip:" + remoteHost(ctx);
  }

  /**
   * The connection's peer: the router trusts no forwarding headers, so it is the request's remote
   * address, without the forwarding parse (scheme, authority, absolute URI) the router's request
   * makes the first time it is asked.
   */
  private static String remoteHost(RoutingContext ctx) {
    var address = ctx.request().connection().remoteAddress();
    return address == null ? "unknown" : address.hostAddress();
  }
}
