package org.nipcgateway.core.security;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * Reads request bodies (up to a limit, no file uploads) for the methods that have one. No API of
 * the gateway takes HTML forms, and Vert.x's form decoding misbehaves on malformed ones (an
 * internal error on a GET, no answer at all to an empty multipart DELETE), so form bodies are
 * refused with 415 before anything reads them, and requests of other methods pass by untouched. It
 * sits with the route guard, which reads every body before it checks the rule.
 */
public final class BodyReader {
  private static final Set<HttpMethod> WITH_BODY =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private BodyReader() {}

  public static Handler<RoutingContext> upTo(int limit) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(limit);
    return ctx -> {
      String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
      if (type != null && isForm(type)) {
        ctx.fail(415);
        return;
      }
      if (WITH_BODY.contains(ctx.request().method())) {
        body.handle(ctx);
      } else {
        ctx.next();
      }
    };
  }

  private static boolean isForm(String contentType) {
    String type = contentType.trim().toLowerCase(java.util.Locale.ROOT);
    return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
  }
}
