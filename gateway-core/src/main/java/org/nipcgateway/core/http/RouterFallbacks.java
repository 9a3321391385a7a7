package org.nipcgateway.core.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the root router answers when no module's own failure handler does: 404 for unknown paths,
 * problem details for denials and overload, and a 500 without internal text for anything else.
 */
public final class RouterFallbacks {
  private static final Logger LOG = LoggerFactory.getLogger(RouterFallbacks.class);
  private static final int[] CLIENT_AND_OVERLOAD_STATUSES = {400, 401, 403, 413, 415, 429, 503};

  private RouterFallbacks() {}

  /** Installs them; call after every module has mounted its routes. */
  public static void install(Router router, MalformedRequests malformed) {
    router.route().last().handler(c -> Problems.send(c, 404, "Not Found", "no such resource"));
    for (int status : CLIENT_AND_OVERLOAD_STATUSES) {
      // The status comes from the registration, not from the context: when Vert.x itself fails a
      // request (a path whose percent escapes do not decode) the context has no status (-1).
      router.errorHandler(status, c -> refuse(c, status, malformed));
    }
    router.errorHandler(
        500,
        c -> {
          LOG.error(
              "Unhandled failure on {} {}", c.request().method(), c.request().path(), c.failure());
          Problems.send(c, 500, "Internal Server Error", null);
        });
  }

  private static void refuse(RoutingContext c, int status, MalformedRequests malformed) {
    String detail;
    if (c.failure() instanceof HttpException http) {
      detail = http.getPayload();
    } else {
      // Vert.x's own refusals (a path whose escapes do not decode) arrive here without a failure
      // or with a bare exception. Anyone can send these, so one short line at DEBUG: a stack trace
      // per request would let an unauthenticated client flood the log. The exception's text is
      // not for the client.
      LOG.debug(
          "Refused a malformed request ({}) {} {}{}",
          status,
          c.request().method(),
          c.request().uri(),
          c.failure() == null ? "" : ": " + c.failure().getMessage());
      detail = status == 400 ? "the request is malformed" : null;
    }
    if (status == 400) {
      // A 400 that reaches the root router is one no module parsed: limited per address.
      malformed.refuse(c, detail);
      return;
    }
    Problems.send(c, status, HttpResponseStatus.valueOf(status).reasonPhrase(), detail);
  }
}
