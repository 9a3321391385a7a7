package org.nipcgateway.core.nipc.extension.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Set;
import org.nipcgateway.core.nipc.body.NipcBodies;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * Requests and answers of the extension routes I (Blob, Transmit, Bulk, File): their OpenAPI files
 * name {@code application/json}; {@code application/nipc+json} is taken too, as on every NIPC
 * route.
 */
public final class ExtensionBodies {
  /** The media types an extension body may come in. */
  public static final Set<String> JSON_TYPES = NipcBodies.JSON_TYPES;

  private ExtensionBodies() {}

  /** The body as a JSON object: 415 for another media type, 400 for anything but an object. */
  public static ObjectNode object(RoutingContext ctx) {
    return NipcBodies.object(ctx, JSON_TYPES);
  }

  /** A required query parameter, or 400. */
  public static String required(RoutingContext ctx, String name) {
    return NipcBodies.query(ctx, name);
  }

  /** Standard base64 (RFC 4648 section 4, as NIPC values are), or 400 naming the field. */
  public static byte[] base64(JsonNode value, String field) {
    if (!value.isTextual()) {
      throw NipcException.badRequest("'" + field + "' must be a base64 string");
    }
    try {
      return Base64.getDecoder().decode(value.asText());
    } catch (IllegalArgumentException e) {
      throw NipcException.badRequest("'" + field + "' is not base64: " + e.getMessage());
    }
  }

  /** An answer in {@code application/json}. */
  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
