package org.nipcgateway.core.nipc.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PropertyResultsTest {
  @Test
  void values_statuses_and_problems_are_written_as_one_json_array_in_order() {
    PropertyResults results = new PropertyResults();
    results.value("https://example.com/m#/sdfObject/o/sdfProperty/p", new byte[] {2});
    results.written();
    results.problem(new JsonObject().put("status", 404).put("title", "Not Found"));

    assertThat(results.end().toString())
        .isEqualTo(
            "[{\"property\":\"https://example.com/m#/sdfObject/o/sdfProperty/p\",\"value\":\"Ag==\"},"
                + "{\"status\":200},{\"status\":404,\"title\":\"Not Found\"}]");
  }

  @Test
  void a_name_with_quotes_backslashes_controls_and_non_ascii_stays_the_same_string() {
    String name = "a\"b\\c\nd\u0001é€😀/sdfProperty/x";
    PropertyResults results = new PropertyResults();
    results.value(name, new byte[0]);

    JsonArray parsed = new JsonArray(results.end());

    assertThat(parsed.getJsonObject(0).getString("property")).isEqualTo(name);
    assertThat(parsed.getJsonObject(0).getString("value")).isEmpty();
  }

  @Test
  void no_items_give_an_empty_array() {
    assertThat(new PropertyResults().end().toString()).isEqualTo("[]");
  }
}
