package org.nipcgateway.core.nipc.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.nipcgateway.core.nipc.problem.NipcException;

/** Reads NIPC request bodies strictly: an accepted JSON media type, one object, no duplicates. */
final class NipcBodies {
  private static final ObjectReader READER =
      new ObjectMapper()
          .reader()
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private NipcBodies() {}

  static ObjectNode object(RoutingContext ctx, Set<String> mediaTypes) {
    JsonNode node = json(ctx, mediaTypes);
    if (!(node instanceof ObjectNode object)) {
      throw NipcException.badRequest("the body must be a JSON object");
    }
    return object;
  }

  static ArrayNode array(RoutingContext ctx, Set<String> mediaTypes) {
    JsonNode node = json(ctx, mediaTypes);
    if (!(node instanceof ArrayNode array)) {
      throw NipcException.badRequest("the body must be a JSON array");
    }
    return array;
  }

  /** The media type of the request body, lower case and without parameters ("" when absent). */
  static String mediaType(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }

  private static JsonNode json(RoutingContext ctx, Set<String> mediaTypes) {
    String contentType = ctx.request().getHeader("Content-Type");
    String mediaType =
        contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaTypes.contains(mediaType)) {
      throw NipcException.generic(
          415, "Content-Type must be one of " + mediaTypes + ", got '" + contentType + "'");
    }
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
      throw NipcException.badRequest("the request needs a JSON body");
    }
    JsonNode node;
    try {
      node = READER.readTree(ctx.body().buffer().getBytes());
    } catch (JsonProcessingException e) {
      throw NipcException.badRequest("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw NipcException.badRequest("unreadable body");
    }
    return node;
  }
}
