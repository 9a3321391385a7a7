package org.nipcgateway.core.nipc.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PropertyWriteItemsTest {
  private static Optional<List<PropertyWriteItems.Item>> of(String body) {
    return PropertyWriteItems.of(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void the_usual_body_gives_its_items_in_order_other_fields_ignored() {
    assertThat(
            of(
                "[{\"property\":\"a\",\"value\":\"AQ==\"},"
                    + "{\"extra\":{\"x\":[1,{\"y\":2}]},\"value\":\"Ag==\",\"property\":\"b\"}]"))
        .contains(
            List.of(
                new PropertyWriteItems.Item("a", "AQ=="),
                new PropertyWriteItems.Item("b", "Ag==")));
  }

  @Test
  void anything_else_is_left_to_the_tree_parser() {
    assertThat(of("")).isEmpty();
    assertThat(of("{\"property\":\"a\",\"value\":\"AQ==\"}")).isEmpty();
    assertThat(of("[{\"property\":\"a\",\"value\":\"AQ==\"}] []")).isEmpty();
    assertThat(of("[{\"property\":\"a\",\"property\":\"b\",\"value\":\"AQ==\"}]")).isEmpty();
    assertThat(of("[{\"property\":\"a\",\"value\":\"AQ==\",\"x\":{\"k\":1,\"k\":2}}]")).isEmpty();
    assertThat(of("[{\"property\":\"a\"}]")).isEmpty();
    assertThat(of("[{\"property\":\"a\",\"value\":1}]")).isEmpty();
    assertThat(of("[1]")).isEmpty();
    assertThat(of("[{\"property\":\"a\",\"value\":\"AQ==\"}")).isEmpty();
  }

  @Test
  void an_empty_array_has_no_items() {
    assertThat(of("[]")).contains(List.of());
  }
}
