package org.nipcgateway.core.nipc.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON array a property read or write answers with, written into the response's buffer item by
 * item instead of built as a {@code JsonArray} and encoded afterwards: an item is a value ({@code
 * property} and base64 {@code value}), a write's {@code status}, or a problem document.
 */
final class PropertyResults {
  private static final byte[] PROPERTY = bytes("{\"property\":");
  private static final byte[] VALUE = bytes(",\"value\":\"");
  private static final byte[] VALUE_END = bytes("\"}");
  private static final byte[] OK = bytes("{\"status\":200}");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Buffer body = Buffer.buffer(128).appendByte((byte) '[');
  private boolean first = true;

  /** A property's value, base64 as draft-ietf-asdf-nipc carries it. */
  void value(String property, byte[] value) {
    next();
    body.appendBytes(PROPERTY);
    string(property);
    body.appendBytes(VALUE).appendBytes(Base64.getEncoder().encode(value)).appendBytes(VALUE_END);
  }

  /** A write that the device took. */
  void written() {
    next();
    body.appendBytes(OK);
  }

  /** An item's problem document (a failure's answer: not worth a writer of its own). */
  void problem(JsonObject document) {
    next();
    body.appendBuffer(document.toBuffer());
  }

  /** The array, closed; nothing is to be added after. */
  Buffer end() {
    return body.appendByte((byte) ']');
  }

  private void next() {
    if (!first) {
      body.appendByte((byte) ',');
    }
    first = false;
  }

  /** A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8. */
  private void string(String text) {
    body.appendByte((byte) '"');
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        if (i > from) {
          body.appendString(text.substring(from, i));
        }
        escape(c);
        from = i + 1;
      }
    }
    body.appendString(from == 0 ? text : text.substring(from));
    body.appendByte((byte) '"');
  }

  private void escape(char c) {
    String escaped =
        switch (c) {
          case '"' -> "\\\"";
          case '\\' -> "\\\\";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          case '\b' -> "\\b";
          case '\f' -> "\\f";
          default -> "\\u00" + HEX[c >> 4] + HEX[c & 0xF];
        };
    body.appendString(escaped);
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }
}
