package org.nipcgateway.core.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes RFC 9457 problem details for failures outside any API module (unknown paths, methods the
 * router does not know). Modules render their own errors (SCIM errors, NIPC problem types).
 */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static void send(RoutingContext ctx, int status, String title, String detail) {
    JsonObject body =
        new JsonObject().put("type", "about:blank").put("title", title).put("status", status);
    if (detail != null) {
      body.put("detail", detail);
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(body.encode());
  }
}
