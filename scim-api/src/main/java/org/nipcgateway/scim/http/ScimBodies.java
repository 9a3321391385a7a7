package org.nipcgateway.scim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.vertx.ext.web.RoutingContext;
import org.nipcgateway.core.http.JsonFailures;
import org.nipcgateway.core.http.RequestBodies;

/**
 * SCIM request bodies: a JSON media type and one JSON object (parsed by the core's strict reader).
 */
final class ScimBodies {
  private ScimBodies() {}

  static ObjectNode object(RoutingContext ctx) throws ScimException {
    requireJsonMediaType(ctx);
    JsonNode node;
    try {
      node = RequestBodies.json(ctx);
    } catch (RequestBodies.MalformedBody e) {
      throw BadRequestException.invalidSyntax(e.getMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw BadRequestException.invalidSyntax("the body must be a JSON object");
    }
    return object;
  }

  /** Converts a body to one of the SDK's message types (PATCH and search requests). */
  static <T> T message(RoutingContext ctx, Class<T> type) throws ScimException {
    ObjectNode object = object(ctx);
    try {
      return JsonUtils.getObjectReader().treeToValue(object, type);
    } catch (JsonProcessingException e) {
      throw BadRequestException.invalidSyntax(
          "not a valid " + type.getSimpleName() + ": " + detail(e));
    } catch (IllegalArgumentException e) {
      throw BadRequestException.invalidSyntax("not a valid " + type.getSimpleName());
    }
  }

  /**
   * What was wrong, in the client's words: the SDK's own refusal of a value (an unparsable path or
   * filter) is written for clients; Jackson's binding messages name classes and are not.
   */
  private static String detail(JsonProcessingException e) {
    if (e.getCause() instanceof ScimException scim) {
      String where = e instanceof JsonMappingException m ? JsonFailures.pointer(m) : "";
      return (where.isEmpty() ? "" : where + ": ") + scim.getMessage();
    }
    return JsonFailures.describe(e);
  }

  private static void requireJsonMediaType(RoutingContext ctx) throws ScimException {
    String mediaType = RequestBodies.mediaType(ctx);
    if (!mediaType.equals(ScimRoutes.SCIM_JSON) && !mediaType.equals("application/json")) {
      throw new ScimException(
          415,
          null,
          "Content-Type must be application/scim+json or application/json, got '"
              + ctx.request().getHeader("Content-Type")
              + "'");
    }
  }
}
