package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.SharedGateway;
import org.nipcgateway.it.support.Specs;

/**
 * Every example object of draft-ietf-scim-device-model can be created and reads back as sent, apart
 * from what the server assigns (id, meta, references and endpoints it fills) and what it never
 * returns (secrets).
 */
class ScimExamplesTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();

  /** The draft's examples spell some schema URNs differently from its schemas. */
  private static final Map<String, String> URN_SPELLINGS =
      Map.of(
          "urn:ietf:params:scim:schemas:core:2.0:Devices",
          "urn:ietf:params:scim:schemas:core:2.0:Device");

  private static final Map<String, List<String>> NEVER_RETURNED =
      Map.of(
          "urn:ietf:params:scim:schemas:extension:ble:2.0:Device", List.of("irk"),
          "urn:ietf:params:scim:schemas:extension:dpp:2.0:Device", List.of("bootstrapKey"),
          "urn:ietf:params:scim:schemas:extension:fido-device-onboard:2.0:Devices",
              List.of("fdoVoucher"));
  private static final String APPS_EXT =
      "urn:ietf:params:scim:schemas:extension:endpointAppsExt:2.0:Device";

  static Stream<Path> examples() {
    return Specs.scimExamples().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void example_is_created_and_read_back_equal(Path file) {
    ObjectNode example = Specs.json(file);
    String endpoint =
        file.getFileName().toString().contains("endpointapp") ? "/EndpointApps" : "/Devices";
    ObjectNode input = example.deepCopy();
    input.remove("id");
    input.remove("meta");

    Reply created = gateway.scim().post("/scim/v2" + endpoint, input);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();
    try {
      checkReadBack(endpoint, input, created, id);
    } finally {
      // Examples share MAC addresses; remove each before the next.
      assertThat(gateway.scim().delete("/scim/v2" + endpoint + "/" + id).status()).isEqualTo(204);
    }
  }

  private void checkReadBack(String endpoint, ObjectNode input, Reply created, String id) {
    assertThat(created.header("Location"))
        .isEqualTo(gateway.scim().base() + "/scim/v2" + endpoint + "/" + id);
    Reply read = gateway.scim().get("/scim/v2" + endpoint + "/" + id);
    assertThat(read.status()).isEqualTo(200);

    ObjectNode withoutSecrets = input.deepCopy();
    NEVER_RETURNED.forEach(
        (urn, names) -> {
          if (withoutSecrets.get(urn) instanceof ObjectNode extension) {
            names.forEach(extension::remove);
          }
        });
    // Pairing secrets too, also where the BLE extension nests the pairing objects.
    org.nipcgateway.core.security.SecretAttributes.strip(withoutSecrets);
    ObjectNode expected = comparable(withoutSecrets);
    assertThat(comparable((ObjectNode) created.json())).isEqualTo(expected);
    assertThat(comparable((ObjectNode) read.json())).isEqualTo(expected);
    assertThat(read.json().path("meta").path("resourceType").asText())
        .isEqualTo(endpoint.equals("/Devices") ? "Device" : "EndpointApp");

    if (read.json().has(APPS_EXT)) {
      JsonNode apps = read.json().get(APPS_EXT);
      assertThat(apps.path("deviceControlEnterpriseEndpoint").asText())
          .isEqualTo(gateway.scim().base() + "/nipc");
      assertThat(apps.path("telemetryEnterpriseEndpoint").asText())
          .startsWith(gateway.scim().base() + "/nipc");
      for (JsonNode app : apps.path("applications")) {
        assertThat(app.path("$ref").asText())
            .isEqualTo(
                gateway.scim().base() + "/scim/v2/EndpointApps/" + app.path("value").asText());
      }
    }
  }

  /** Without server-assigned values and nulls (null means unassigned, RFC 7643 section 2.5). */
  private static ObjectNode comparable(ObjectNode resource) {
    ObjectNode copy = resource.deepCopy();
    copy.remove("id");
    copy.remove("meta");
    ArrayNode schemas = copy.putArray("schemas");
    resource
        .path("schemas")
        .forEach(s -> schemas.add(URN_SPELLINGS.getOrDefault(s.asText(), s.asText())));
    if (copy.get(APPS_EXT) instanceof ObjectNode apps) {
      apps.remove("deviceControlEnterpriseEndpoint");
      apps.remove("telemetryEnterpriseEndpoint");
      apps.path("applications").forEach(a -> ((ObjectNode) a).remove("$ref"));
    }
    removeNulls(copy);
    return copy;
  }

  private static void removeNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.forEach(ScimExamplesTest::removeNulls);
      object
          .properties()
          .removeIf(
              e -> e.getValue().isNull() || (e.getValue().isObject() && e.getValue().isEmpty()));
    } else if (node instanceof ArrayNode array) {
      array.forEach(ScimExamplesTest::removeNulls);
    }
  }
}
