package org.nipcgateway.core.nipc.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.nipcgateway.core.http.RequestBodies;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * NIPC request bodies and parameters, for the core routes and the extensions alike: an accepted
 * JSON media type, the expected JSON shape, required query parameters.
 */
public final class NipcBodies {
  /** The JSON media types NIPC routes take: the draft's own and plain JSON. */
  public static final Set<String> JSON_TYPES = Set.of("application/nipc+json", "application/json");

  private NipcBodies() {}

  /** A required query parameter, or 400. */
  public static String query(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      throw NipcException.badRequest("the query parameter " + name + " is required");
    }
    return value;
  }

  public static ObjectNode object(RoutingContext ctx, Set<String> mediaTypes) {
    if (!(json(ctx, mediaTypes) instanceof ObjectNode object)) {
      throw NipcException.badRequest("the body must be a JSON object");
    }
    return object;
  }

  public static ArrayNode array(RoutingContext ctx, Set<String> mediaTypes) {
    if (!(json(ctx, mediaTypes) instanceof ArrayNode array)) {
      throw NipcException.badRequest("the body must be a JSON array");
    }
    return array;
  }

  private static JsonNode json(RoutingContext ctx, Set<String> mediaTypes) {
    if (!mediaTypes.contains(RequestBodies.mediaType(ctx))) {
      throw NipcException.generic(
          415,
          "Content-Type must be one of "
              + mediaTypes
              + ", got '"
              + ctx.request().getHeader("Content-Type")
              + "'");
    }
    try {
      return RequestBodies.json(ctx);
    } catch (RequestBodies.MalformedBody e) {
      throw NipcException.badRequest(e.getMessage());
    }
  }
}
