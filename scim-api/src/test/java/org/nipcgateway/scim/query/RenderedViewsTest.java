package org.nipcgateway.scim.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.scim.registry.TypedView;
import org.nipcgateway.scim.registry.ViewKey;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

class RenderedViewsTest {
  private static final ScimResourceType DEVICE =
      ScimSchemaCatalog.load().resourceType(ScimNames.DEVICE);
  private static final String BASE = "https://gw.example";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicInteger built = new AtomicInteger();

  private static StoredResource device(String id, long version, String name) {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    attributes.putArray("schemas").add(ScimNames.CORE_DEVICE_SCHEMA);
    attributes.put("displayName", name);
    return new StoredResource(
        id, ScimNames.DEVICE, version, NOW, NOW, attributes, JsonNodeFactory.instance.objectNode());
  }

  private TypedView view(ViewKey key) {
    return TypedView.lazy(
        DEVICE,
        () -> key,
        () -> {
          built.incrementAndGet();
          ObjectNode view = key.resource().attributes().deepCopy();
          view.put("id", key.resource().id());
          view.put("groupCount", key.groups().size());
          return view;
        });
  }

  @Test
  void a_resource_answered_twice_unchanged_is_built_once() {
    RenderedViews rendered = new RenderedViews(10, 1_000_000);
    StoredResource d = device("d1", 1, "one");

    String first = rendered.json(view(new ViewKey(d, BASE, List.of())), AttributeSelection.ALL);
    String second = rendered.json(view(new ViewKey(d, BASE, List.of())), AttributeSelection.ALL);

    assertThat(second).isEqualTo(first).contains("\"one\"");
    assertThat(built.get()).isEqualTo(1);
  }

  @Test
  void a_new_version_of_the_resource_is_answered_as_it_is_now() {
    RenderedViews rendered = new RenderedViews(10, 1_000_000);
    rendered.json(
        view(new ViewKey(device("d1", 1, "old"), BASE, List.of())), AttributeSelection.ALL);

    String now =
        rendered.json(
            view(new ViewKey(device("d1", 2, "new"), BASE, List.of())), AttributeSelection.ALL);

    assertThat(now).contains("\"new\"").doesNotContain("\"old\"");
    assertThat(rendered.size()).isEqualTo(1);
  }

  @Test
  void joining_a_group_or_another_base_url_makes_a_new_view() {
    RenderedViews rendered = new RenderedViews(10, 1_000_000);
    StoredResource d = device("d1", 1, "one");
    StoredResource group = device("g1", 1, "group");
    rendered.json(view(new ViewKey(d, BASE, List.of())), AttributeSelection.ALL);

    String grouped =
        rendered.json(view(new ViewKey(d, BASE, List.of(group))), AttributeSelection.ALL);
    rendered.json(
        view(new ViewKey(d, "https://other.example", List.of(group))), AttributeSelection.ALL);
    // The same group by value but a new stored instance (renamed, say) is another view too.
    rendered.json(view(new ViewKey(d, BASE, List.of(group.copy()))), AttributeSelection.ALL);

    assertThat(grouped).contains("\"groupCount\":1");
    assertThat(built.get()).isEqualTo(4);
  }

  @Test
  void a_selection_of_attributes_is_never_answered_from_the_cache() throws Exception {
    RenderedViews rendered = new RenderedViews(10, 1_000_000);
    StoredResource d = device("d1", 1, "one");
    rendered.json(view(new ViewKey(d, BASE, List.of())), AttributeSelection.ALL);

    String selected =
        rendered.json(
            view(new ViewKey(d, BASE, List.of())), AttributeSelection.of(List.of("id"), null));

    assertThat(selected).doesNotContain("displayName").contains("\"id\"");
    assertThat(built.get()).isEqualTo(2);
  }

  @Test
  void the_least_recently_answered_resources_leave_first_beyond_the_bound() {
    RenderedViews rendered = new RenderedViews(2, 1_000_000);
    ViewKey a = new ViewKey(device("a", 1, "a"), BASE, List.of());
    ViewKey b = new ViewKey(device("b", 1, "b"), BASE, List.of());
    ViewKey c = new ViewKey(device("c", 1, "c"), BASE, List.of());
    rendered.json(view(a), AttributeSelection.ALL);
    rendered.json(view(b), AttributeSelection.ALL);
    rendered.json(view(a), AttributeSelection.ALL);
    rendered.json(view(c), AttributeSelection.ALL);
    built.set(0);

    rendered.json(view(a), AttributeSelection.ALL);
    rendered.json(view(b), AttributeSelection.ALL);

    assertThat(built.get()).isEqualTo(1);
    assertThat(rendered.size()).isEqualTo(2);
  }

  @Test
  void views_larger_than_the_character_bound_are_not_kept() {
    RenderedViews rendered = new RenderedViews(10, 10);

    rendered.json(
        view(new ViewKey(device("d1", 1, "a long name"), BASE, List.of())), AttributeSelection.ALL);

    assertThat(rendered.size()).isZero();
  }
}
