package org.nipcgateway.scim.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListResponseTextTest {
  private static ObjectNode resource(int i) {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", "r" + i);
    node.putObject("meta").put("version", "W/\"" + i + "\"");
    return node;
  }

  @Test
  void the_text_is_the_message_the_sdk_writes_for_empty_and_full_pages() throws Exception {
    for (int size : new int[] {0, 1, 3}) {
      List<ObjectNode> page = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        page.add(resource(i));
        texts.add(resource(i).toString());
      }

      String text = ListResponseText.of(40, texts, 11);

      ObjectNode sdk = QueryRunner.listResponse(40, page, 11);
      assertThat(JsonUtils.getObjectReader().readTree(text)).isEqualTo(sdk);
      assertThat(text).isEqualTo(sdk.toString());
    }
  }
}
