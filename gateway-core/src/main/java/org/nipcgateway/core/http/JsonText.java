package org.nipcgateway.core.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON value built of Vert.x's JSON types as compact text, the same characters Jackson
 * writes for it, without a Jackson generator: for the small bodies most routes answer, setting up a
 * generator (its context, buffers and recyclers) costs more than writing the few fields, about a
 * microsecond a body. Only plain JSON values are written here; for anything else (a number that is
 * not finite, binary data, a lone surrogate, an object only databind maps) {@link #encode} answers
 * null and the caller lets Jackson write it.
 */
final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder out = new StringBuilder(256);

  private JsonText() {}

  /** The value as UTF-8 JSON, or null when it holds something this writer leaves to Jackson. */
  static Buffer encode(Object value) {
    JsonText text = new JsonText();
    return text.value(value) ? Buffer.buffer(text.out.toString()) : null;
  }

  private boolean value(Object value) {
    if (value == null) {
      out.append("null");
      return true;
    }
    if (value instanceof String string) {
      return string(string);
    }
    if (value instanceof JsonObject object) {
      return object(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return array(array.getList());
    }
    if (value instanceof Map<?, ?> map) {
      return object(map);
    }
    if (value instanceof List<?> list) {
      return array(list);
    }
    if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      out.append(value);
      return true;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        return false;
      }
      out.append(value);
      return true;
    }
    return false;
  }

  private boolean object(Map<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      if (!(entry.getKey() instanceof String key) || !string(key)) {
        return false;
      }
      out.append(':');
      if (!value(entry.getValue())) {
        return false;
      }
    }
    out.append('}');
    return true;
  }

  private boolean array(List<?> list) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      if (!value(list.get(i))) {
        return false;
      }
    }
    out.append(']');
    return true;
  }

  /** Escapes as Jackson does by default: quote, backslash and control characters only. */
  private boolean string(String string) {
    out.append('"');
    int clean = 0;
    for (int i = 0; i < string.length(); i++) {
      char c = string.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isSurrogate(c)) {
        return false;
      }
      out.append(string, clean, i);
      clean = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(string, clean, string.length()).append('"');
    return true;
  }
}
