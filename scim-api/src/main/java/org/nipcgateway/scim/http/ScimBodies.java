package org.nipcgateway.scim.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/** Reads request bodies strictly: JSON media type, one JSON object, no duplicate keys. */
final class ScimBodies {
  private static final ObjectReader READER =
      JsonUtils.getObjectReader()
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ScimBodies() {}

  static ObjectNode object(RoutingContext ctx) throws ScimException {
    requireJsonMediaType(ctx);
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
      throw BadRequestException.invalidSyntax("the request needs a JSON body");
    }
    JsonNode node;
    try {
      node = READER.readTree(ctx.body().buffer().getBytes());
    } catch (JsonProcessingException e) {
      throw BadRequestException.invalidSyntax("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw BadRequestException.invalidSyntax("unreadable body");
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
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String detail =
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw BadRequestException.invalidSyntax(
          "not a valid " + type.getSimpleName() + ": " + detail);
    }
  }

  private static void requireJsonMediaType(RoutingContext ctx) throws ScimException {
    String contentType = ctx.request().getHeader("Content-Type");
    String mediaType =
        contentType == null
            ? ""
            : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!mediaType.equals(ScimRoutes.SCIM_JSON) && !mediaType.equals("application/json")) {
      throw new ScimException(
          415,
          null,
          "Content-Type must be application/scim+json or application/json, got '"
              + contentType
              + "'");
    }
  }
}
