package org.nipcgateway.core.nipc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.nipcgateway.core.http.RequestBodies;
import org.nipcgateway.core.nipc.problem.NipcException;

/** NIPC request bodies: an accepted JSON media type and the expected JSON shape. */
final class NipcBodies {
  private NipcBodies() {}

  static ObjectNode object(RoutingContext ctx, Set<String> mediaTypes) {
    if (!(json(ctx, mediaTypes) instanceof ObjectNode object)) {
      throw NipcException.badRequest("the body must be a JSON object");
    }
    return object;
  }

  static ArrayNode array(RoutingContext ctx, Set<String> mediaTypes) {
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
