package org.nipcgateway.core.nipc.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.nipcgateway.core.http.JsonBodies;
import org.nipcgateway.core.http.Problems;
import org.nipcgateway.core.nipc.problem.NipcException;

/** How NIPC routes answer: JSON in {@code application/nipc+json}, and instance locations. */
final class NipcResponses {
  /** {@code application/nipc+json}, as a header value Vert.x writes without encoding it. */
  private static final CharSequence NIPC_JSON = HttpHeaders.createOptimized(ModelRoutes.NIPC_JSON);

  private NipcResponses() {}

  static void json(RoutingContext ctx, int status, Object body) {
    // The bodies hold only JSON values (strings, numbers, objects, arrays).
    Buffer bytes =
        body instanceof JsonObject || body instanceof JsonArray
            ? JsonBodies.encode(body)
            : Buffer.buffer(body.toString());
    json(ctx, status, bytes);
  }

  /**
   * Where an instance (of an action, event or trigger) on a device or group can be queried: {@code
   * /nipc/{collection}/{id}/{operation}?instanceId=...}.
   */
  static String location(RoutingContext ctx, String operation, String instanceId) {
    String collection = ctx.request().path().contains("/groups/") ? "groups" : "devices";
    return NipcApiModule.BASE_PATH
        + "/"
        + collection
        + "/"
        + ctx.pathParam("id")
        + "/"
        + operation
        + "?instanceId="
        + instanceId;
  }

  /** A required query parameter, or 400. */
  static String required(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      throw NipcException.badRequest("the query parameter " + name + " is required");
    }
    return value;
  }

  /** Whether the route is a group route ({@code /groups/{id}/...}). */
  static boolean onGroup(RoutingContext ctx) {
    return ctx.request().path().contains("/groups/");
  }

  /**
   * Answers with a JSON body already written ({@link PropertyResults}): the property routes write
   * theirs straight into a buffer rather than build JSON values to encode.
   */
  static void json(RoutingContext ctx, int status, Buffer bytes) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(Problems.CONTENT_TYPE_HEADER, NIPC_JSON)
        .end(bytes);
  }
}
