package org.nipcgateway.core.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads JSON request bodies strictly, the same way for every API: one JSON value, no duplicate
 * keys, nothing after it. Each API turns a {@link MalformedBody} into its own error format.
 */
public final class RequestBodies {
  private static final ObjectReader STRICT =
      new ObjectMapper()
          .reader()
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestBodies() {}

  /** Why a body could not be read; the message is fit for the client. */
  public static final class MalformedBody extends Exception {
    public MalformedBody(String message) {
      super(message, null, false, false);
    }
  }

  /** The media type of the request body, lower case and without parameters ("" when absent). */
  public static String mediaType(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }

  /** The raw body bytes, if the request has a non-empty body. */
  public static Optional<byte[]> bytes(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
      return Optional.empty();
    }
    return Optional.of(ctx.body().buffer().getBytes());
  }

  /** Parses the body as one JSON value. */
  public static JsonNode json(RoutingContext ctx) throws MalformedBody {
    byte[] body = bytes(ctx).orElseThrow(() -> new MalformedBody("the request needs a JSON body"));
    try {
      return STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedBody(JsonFailures.describe(e));
    } catch (IOException e) {
      throw new MalformedBody("unreadable body");
    }
  }
}
