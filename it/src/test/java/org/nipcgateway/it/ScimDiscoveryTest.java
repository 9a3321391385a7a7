package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.SharedGateway;

/** Service discovery (RFC 7644 section 4): what the registry says it supports. */
class ScimDiscoveryTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();

  @Test
  void service_provider_config_states_patch_filter_sort_etag_and_bulk_support() {
    JsonNode config = gateway.scim().get("/scim/v2/ServiceProviderConfig").json();
    assertThat(config.path("patch").path("supported").asBoolean()).isTrue();
    assertThat(config.path("filter").path("supported").asBoolean()).isTrue();
    assertThat(config.path("filter").path("maxResults").asInt()).isEqualTo(1000);
    assertThat(config.path("sort").path("supported").asBoolean()).isTrue();
    assertThat(config.path("etag").path("supported").asBoolean()).isTrue();
    assertThat(config.path("bulk").path("supported").asBoolean()).isTrue();
    assertThat(config.path("bulk").path("maxOperations").asInt()).isEqualTo(1000);
    assertThat(config.path("bulk").path("maxPayloadSize").asInt()).isEqualTo(4 * 1024 * 1024);
  }

  @Test
  void resource_types_list_devices_with_every_extension_endpoint_apps_and_groups() {
    JsonNode types = gateway.scim().get("/scim/v2/ResourceTypes").json();
    List<String> names = new ArrayList<>();
    types.path("Resources").forEach(t -> names.add(t.path("name").asText()));
    assertThat(names).containsExactly("Device", "EndpointApp", "Group");
    JsonNode device = gateway.scim().get("/scim/v2/ResourceTypes/Device").json();
    assertThat(device.path("endpoint").asText()).isEqualTo("/Devices");
    assertThat(device.path("schemaExtensions")).hasSize(7);
    assertThat(device.path("meta").path("location").asText())
        .isEqualTo(gateway.scim().base() + "/scim/v2/ResourceTypes/Device");
  }

  @Test
  void schemas_are_served_with_the_drafts_characteristics() {
    JsonNode schemas = gateway.scim().get("/scim/v2/Schemas").json();
    assertThat(schemas.path("totalResults").asInt()).isEqualTo(14);
    JsonNode ble =
        gateway
            .scim()
            .get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:extension:ble:2.0:Device")
            .json();
    JsonNode irk = null;
    for (JsonNode attribute : ble.path("attributes")) {
      if (attribute.path("name").asText().equals("irk")) {
        irk = attribute;
      }
    }
    assertThat(irk).isNotNull();
    assertThat(irk.path("returned").asText()).isEqualTo("never");
    assertThat(irk.path("mutability").asText()).isEqualTo("writeOnly");
    assertThat(gateway.scim().get("/scim/v2/Schemas/urn:example:none").status()).isEqualTo(404);
  }

  @Test
  void a_known_path_with_another_method_is_405_with_allow() {
    Reply reply = gateway.scim().delete("/scim/v2/Devices");
    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).isEqualTo("GET, HEAD, POST");
  }

  @Test
  void the_draft_endpoint_app_path_answers_too() {
    assertThat(gateway.scim().get("/scim/v2/EndpointApp").status()).isEqualTo(200);
  }
}
