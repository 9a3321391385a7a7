package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.ScimAssertions.assertScimError;
import static org.nipcgateway.it.support.ScimClient.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SharedGateway;

/** Listing and searching (RFC 7644 section 3.4.2) over a small fleet. */
class ScimQueryTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();

  @BeforeAll
  static void fleet() {
    gateway.scim().create("/Devices", Devices.ble("Alpha thermometer", 1));
    ObjectNode lock = Devices.ble("Beta lock", 2);
    lock.put("active", false);
    gateway.scim().create("/Devices", lock);
    gateway.scim().create("/Devices", Devices.zigbee("Gamma light", "50:32:5F:FF:FE:E7:67:28"));
    ObjectNode plain = ScimClient.JSON.createObjectNode();
    plain.putArray("schemas").add(Devices.CORE);
    plain.put("displayName", "delta sensor");
    plain.put("active", true);
    ObjectNode delta = gateway.scim().create("/Devices", plain);
    ObjectNode kitchen = ScimClient.JSON.createObjectNode();
    kitchen.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    kitchen.put("displayName", "Kitchen");
    kitchen.putArray("members").addObject().put("value", delta.path("id").asText());
    gateway.scim().create("/Groups", kitchen);
  }

  private static List<String> names(String query) {
    JsonNode list = gateway.scim().list("/Devices", query);
    assertThat(list.path("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    List<String> names = new ArrayList<>();
    list.path("Resources").forEach(r -> names.add(r.path("displayName").asText()));
    return names;
  }

  private static String filter(String filter) {
    return "filter=" + encode(filter) + "&sortBy=displayName";
  }

  @Test
  void equality_on_an_extension_qualified_path_ignores_case_of_case_insensitive_attributes() {
    String mac = Devices.mac(1).toLowerCase();
    assertThat(names(filter(Devices.BLE + ":deviceMacAddress eq \"" + mac + "\"")))
        .containsExactly("Alpha thermometer");
  }

  @Test
  void and_or_not_combine() {
    assertThat(names(filter("active eq true and displayName co \"t\"")))
        .containsExactly("Alpha thermometer", "delta sensor", "Gamma light");
    assertThat(names(filter("displayName eq \"Beta lock\" or displayName eq \"Gamma light\"")))
        .containsExactly("Beta lock", "Gamma light");
    assertThat(names(filter("not (active eq true)"))).containsExactly("Beta lock");
  }

  @Test
  void present_and_starts_with() {
    assertThat(names(filter(Devices.ZIGBEE + ":deviceEui64Address pr")))
        .containsExactly("Gamma light");
    assertThat(names(filter("displayName sw \"al\""))).containsExactly("Alpha thermometer");
  }

  @Test
  void complex_value_filter_on_group_membership() {
    assertThat(names(filter("groups[display eq \"Kitchen\"]"))).containsExactly("delta sensor");
    JsonNode groups =
        gateway.scim().list("/Groups", "filter=" + encode("members[type eq \"Device\"]"));
    assertThat(groups.path("totalResults").asInt()).isEqualTo(1);
  }

  @Test
  void sorts_ascending_and_descending() {
    assertThat(names("sortBy=displayName"))
        .containsExactly("Alpha thermometer", "Beta lock", "delta sensor", "Gamma light");
    assertThat(names("sortBy=displayName&sortOrder=descending"))
        .containsExactly("Gamma light", "delta sensor", "Beta lock", "Alpha thermometer");
  }

  @Test
  void pages_with_start_index_and_count() {
    JsonNode page = gateway.scim().list("/Devices", "sortBy=displayName&startIndex=2&count=2");
    assertThat(page.path("totalResults").asInt()).isEqualTo(4);
    assertThat(page.path("startIndex").asInt()).isEqualTo(2);
    assertThat(page.path("itemsPerPage").asInt()).isEqualTo(2);
    assertThat(names("sortBy=displayName&startIndex=2&count=2"))
        .containsExactly("Beta lock", "delta sensor");
    assertThat(names("sortBy=displayName&startIndex=9")).isEmpty();
    assertThat(gateway.scim().list("/Devices", "count=0").path("totalResults").asInt())
        .isEqualTo(4);
  }

  @Test
  void attributes_and_excluded_attributes_select_what_is_returned() {
    JsonNode only =
        gateway
            .scim()
            .list(
                "/Devices",
                "attributes=displayName&" + filter("displayName eq \"Alpha thermometer\""))
            .path("Resources")
            .get(0);
    assertThat(only.has("displayName")).isTrue();
    assertThat(only.has("id")).isTrue();
    assertThat(only.has("active")).isFalse();
    assertThat(only.has(Devices.BLE)).isFalse();
    JsonNode without =
        gateway
            .scim()
            .list(
                "/Devices",
                "excludedAttributes=active&" + filter("displayName eq \"Alpha thermometer\""))
            .path("Resources")
            .get(0);
    assertThat(without.has("active")).isFalse();
    assertThat(without.has(Devices.BLE)).isTrue();
  }

  @Test
  void search_with_post_per_type_and_at_the_root() {
    ObjectNode search = ScimClient.JSON.createObjectNode();
    search.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:SearchRequest");
    search.put("filter", "displayName sw \"G\"");
    search.put("sortBy", "displayName");
    assertThat(
            gateway
                .scim()
                .post("/scim/v2/Devices/.search", search)
                .json()
                .path("totalResults")
                .asInt())
        .isEqualTo(1);
    search.put("filter", "displayName pr");
    // The root search spans Devices and Groups (EndpointApps have no displayName).
    assertThat(gateway.scim().post("/scim/v2/.search", search).json().path("totalResults").asInt())
        .isEqualTo(5);
  }

  @Test
  void a_get_at_the_root_queries_every_resource_type_like_the_root_search() {
    ObjectNode search = ScimClient.JSON.createObjectNode();
    search.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:SearchRequest");
    search.put("filter", "displayName pr");
    int viaSearch =
        gateway.scim().post("/scim/v2/.search", search).json().path("totalResults").asInt();

    // RFC 7644's "GET /?filter=" below the base URI.
    Reply root = gateway.scim().get("/scim/v2/?" + filter("displayName pr"));
    Reply slash = gateway.scim().get("/scim/v2/?" + filter("displayName sw \"G\"") + "&count=1");

    assertThat(root.status()).as(root.text()).isEqualTo(200);
    assertThat(root.json().path("totalResults").asInt()).isEqualTo(viaSearch).isPositive();
    assertThat(slash.status()).as(slash.text()).isEqualTo(200);
    assertThat(slash.json().path("Resources")).hasSize(1);
    assertScimError(
        gateway.scim().get("/scim/v2/?filter=" + encode("displayName eq")), 400, "invalidFilter");
  }

  @Test
  void invalid_filters_are_rejected_with_invalid_filter() {
    assertScimError(
        gateway.scim().get("/scim/v2/Devices?filter=" + encode("displayName eq")),
        400,
        "invalidFilter");
    assertScimError(
        gateway.scim().get("/scim/v2/Devices?filter=" + encode("displayName zz \"x\"")),
        400,
        "invalidFilter");
    assertScimError(
        gateway.scim().get("/scim/v2/Devices?filter=" + encode("noSuchAttribute eq \"x\"")),
        400,
        "invalidFilter");
  }

  @Test
  void malformed_paging_and_sorting_parameters_are_invalid_values() {
    assertScimError(gateway.scim().get("/scim/v2/Devices?count=many"), 400, "invalidValue");
    assertScimError(gateway.scim().get("/scim/v2/Devices?sortOrder=sideways"), 400, "invalidValue");
    assertScimError(
        gateway.scim().get("/scim/v2/Devices?attributes=displayName&excludedAttributes=active"),
        400,
        "invalidValue");
  }

  @Test
  void a_search_naming_a_null_attribute_is_an_invalid_value_not_a_server_error() {
    for (String list : List.of("attributes", "excludedAttributes")) {
      ObjectNode search = ScimClient.JSON.createObjectNode();
      search.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:SearchRequest");
      search.putArray(list).addNull();
      assertScimError(gateway.scim().post("/scim/v2/.search", search), 400, "invalidValue");
      assertScimError(gateway.scim().post("/scim/v2/Devices/.search", search), 400, "invalidValue");
    }
  }
}
