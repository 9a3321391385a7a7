package org.nipcgateway.core.nipc.extension.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Set;
import org.nipcgateway.core.nipc.body.NipcBodies;
import org.nipcgateway.core.nipc.problem.NipcException;

/** What extension requests share: a JSON object body, its members, required query parameters. */
public final class ExtensionRequests {
  /** The extensions' OpenAPI files name application/json; NIPC's own type is taken too. */
  public static final Set<String> JSON_TYPES = NipcBodies.JSON_TYPES;

  private ExtensionRequests() {}

  /** The body as a JSON object with only the members named; else 415 or 400. */
  public static ObjectNode object(RoutingContext ctx, Set<String> members) {
    return only(NipcBodies.object(ctx, JSON_TYPES), members);
  }

  /**
   * A bulk operation's {@code data} as an object with only the members named (missing: an empty
   * object); else 400.
   */
  public static ObjectNode data(JsonNode data, Set<String> members) {
    if (data == null || data.isMissingNode()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!(data instanceof ObjectNode object)) {
      throw NipcException.badRequest("'data' must be an object");
    }
    return only(object, members);
  }

  private static ObjectNode only(ObjectNode object, Set<String> members) {
    object
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!members.contains(name)) {
                throw NipcException.badRequest(
                    "unknown member '" + name + "'; the body may hold " + members);
              }
            });
    return object;
  }

  /** A required base64 member ({@code value}). */
  public static byte[] base64(ObjectNode body, String member) {
    if (!body.path(member).isTextual()) {
      throw NipcException.badRequest(member + " is required: a base64 string");
    }
    try {
      return Base64.getDecoder().decode(body.get(member).asText());
    } catch (IllegalArgumentException e) {
      throw NipcException.badRequest(member + " is not base64: " + e.getMessage());
    }
  }

  /** An optional whole number from {@code min} to {@code max}. */
  public static int integer(ObjectNode body, String member, int fallback, int min, int max) {
    JsonNode value = body.get(member);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw NipcException.badRequest(member + " must be an integer from " + min + " to " + max);
    }
    int number = value.asInt();
    if (number < min || number > max) {
      throw NipcException.badRequest(
          member + " must be from " + min + " to " + max + ", got " + number);
    }
    return number;
  }

  /** A required query parameter, or 400. */
  public static String query(RoutingContext ctx, String name) {
    return NipcBodies.query(ctx, name);
  }
}
