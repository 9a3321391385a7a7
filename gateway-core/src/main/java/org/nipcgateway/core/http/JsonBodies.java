package org.nipcgateway.core.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RoutingContext;

/**
 * JSON response bodies through Vert.x's streaming codec: one Jackson generator over the values,
 * without the databind serializer lookups that {@code encode()} and {@code RoutingContext.json} go
 * through when databind is on the class path (as here), which cost a small route about as much as
 * the rest of its request. A value the streaming codec cannot write (an object that only databind
 * maps) is encoded by databind, as before.
 */
public final class JsonBodies {
  /** {@code application/json}, as a header value Vert.x writes without encoding it each time. */
  public static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  private static final JacksonCodec STREAMING = new JacksonCodec();

  private JsonBodies() {}

  /** A JSON value (objects, arrays, maps, lists, strings, numbers, …) as UTF-8 bytes. */
  public static Buffer encode(Object value) {
    try {
      return STREAMING.toBuffer(value, false);
    } catch (EncodeException e) {
      return Json.encodeToBuffer(value);
    }
  }

  /**
   * What {@code RoutingContext.json} does, with the streaming codec: the body, in {@code
   * application/json} unless the response already names its type.
   */
  public static Future<Void> send(RoutingContext ctx, Object value) {
    Buffer body = encode(value);
    if (!ctx.response().headers().contains(HttpHeaders.CONTENT_TYPE)) {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON);
    }
    return ctx.response().end(body);
  }
}
