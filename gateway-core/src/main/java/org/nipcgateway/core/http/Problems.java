package org.nipcgateway.core.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes RFC 9457 problem details for failures outside any API module (unknown paths, methods the
 * router does not know). Modules render their own errors (SCIM errors, NIPC problem types).
 */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";

  /** {@link #CONTENT_TYPE} as a header value Vert.x writes without encoding it each time. */
  public static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized(CONTENT_TYPE);

  /** The Content-Type header's name, pre-encoded in the spelling the gateway has always sent. */
  public static final CharSequence CONTENT_TYPE_HEADER =
      HttpHeaders.createOptimized("Content-Type");

  private Problems() {}

  public static void send(RoutingContext ctx, int status, String title, String detail) {
    JsonObject body =
        new JsonObject().put("type", "about:blank").put("title", title).put("status", status);
    if (detail != null) {
      body.put("detail", detail);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(CONTENT_TYPE_HEADER, PROBLEM_JSON)
        .end(JsonBodies.encode(body));
  }
}
