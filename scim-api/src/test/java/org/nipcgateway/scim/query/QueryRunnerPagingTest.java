package org.nipcgateway.scim.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.scim.registry.TypedView;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * A list without filter or sort builds only the views of the page it answers: a large registry
 * listed a page at a time costs a page of work, not a registry of it, on the event loop.
 */
class QueryRunnerPagingTest {
  private static final ScimResourceType DEVICE =
      ScimSchemaCatalog.load().resourceType(ScimNames.DEVICE);

  private static List<TypedView> lazyDevices(int count, AtomicInteger built) {
    List<TypedView> views = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "device-" + i;
      views.add(
          TypedView.lazy(
              DEVICE,
              () -> {
                built.incrementAndGet();
                ObjectNode view = JsonNodeFactory.instance.objectNode().put("id", id);
                view.putArray("schemas").add(ScimNames.CORE_DEVICE_SCHEMA);
                return view;
              }));
    }
    return views;
  }

  private static ListQuery query(String... parameters) throws Exception {
    Map<String, List<String>> params = new java.util.HashMap<>();
    for (int i = 0; i < parameters.length; i += 2) {
      params.put(parameters[i], List.of(parameters[i + 1]));
    }
    return ListQuery.fromParameters(name -> params.getOrDefault(name, List.of()), 1000);
  }

  @Test
  void an_unfiltered_unsorted_page_builds_only_its_own_views() throws Exception {
    AtomicInteger built = new AtomicInteger();

    ObjectNode answer =
        QueryRunner.run(lazyDevices(1000, built), query("startIndex", "11", "count", "5"));

    assertThat(built.get()).isEqualTo(5);
    assertThat(answer.path("totalResults").asInt()).isEqualTo(1000);
    assertThat(answer.path("Resources").get(0).path("id").asText()).isEqualTo("device-10");
  }

  @Test
  void a_filtered_query_still_looks_at_every_candidate() throws Exception {
    AtomicInteger built = new AtomicInteger();

    ObjectNode answer =
        QueryRunner.run(
            lazyDevices(50, built), query("filter", "id eq \"device-7\"", "count", "5"));

    assertThat(built.get()).isEqualTo(50);
    assertThat(answer.path("totalResults").asInt()).isEqualTo(1);
  }
}
