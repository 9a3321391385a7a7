package org.nipcgateway.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  /** Jackson, as Vert.x encodes with databind on the class path: the bytes to match. */
  private static void sameAsJackson(Object value) {
    assertEquals(Json.encode(value), JsonText.encode(value).toString());
  }

  @Test
  void health_body_is_written_as_jackson_writes_it() {
    sameAsJackson(
        new JsonObject()
            .put("status", "UP")
            .put(
                "checks",
                new JsonObject()
                    .put("store", "UP")
                    .put(
                        "radios",
                        new JsonObject()
                            .put(
                                "ble",
                                new JsonObject()
                                    .put("state", "UP")
                                    .put(
                                        "connectionSlots",
                                        new TreeMap<>(Map.of("limit", 5, "inUse", 0)))))));
  }

  @Test
  void property_results_are_written_as_jackson_writes_them() {
    sameAsJackson(
        new JsonArray()
            .add(
                new JsonObject()
                    .put("property", "https://x.example/m#/sdfObject/a")
                    .put("value", "Ag=="))
            .add(new JsonObject().put("status", 200))
            .add(new JsonArray()));
  }

  @Test
  void quotes_backslashes_and_control_characters_are_escaped_as_jackson_escapes_them() {
    sameAsJackson(new JsonObject().put("k\"\\", "a\"b\\c\n\r\t\b\f\u0000\u0001\u001f\u007f/"));
  }

  @Test
  void text_beyond_ascii_is_written_as_it_is() {
    sameAsJackson(new JsonObject().put("é", "ü 中 ß"));
  }

  @Test
  void numbers_booleans_and_nulls_are_written_as_jackson_writes_them() {
    sameAsJackson(
        new JsonObject()
            .put("i", -7)
            .put("l", Long.MAX_VALUE)
            .put("d", 1.5)
            .put("e", 3.0e20)
            .put("small", 1.0e-7)
            .put("f", 1.25f)
            .put("big", new BigDecimal("1.10"))
            .put("huge", new BigInteger("123456789012345678901234567890"))
            .put("t", true)
            .put("no", false)
            .putNull("n")
            .put("list", List.of(1, "two", Map.of())));
  }

  @Test
  void values_only_jackson_knows_are_left_to_it() {
    assertNull(JsonText.encode(new JsonObject().put("nan", Double.NaN)));
    assertNull(JsonText.encode(new JsonObject().put("bytes", new byte[] {1, 2})));
    assertNull(JsonText.encode(new JsonObject().put("time", java.time.Instant.EPOCH)));
    assertNull(JsonText.encode(new JsonObject().put("emoji", "\uD83D\uDE00")));
    assertEquals(
        Json.encode(new JsonObject().put("time", java.time.Instant.EPOCH)),
        JsonBodies.encode(new JsonObject().put("time", java.time.Instant.EPOCH)).toString());
  }
}
