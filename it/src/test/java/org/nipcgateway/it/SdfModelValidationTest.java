package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nipcgateway.core.fleet.Fleet;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SharedGateway;
import org.nipcgateway.it.support.Specs;

/**
 * Registered models are validated against the gateway's SDF JSON Schema. The schema is ours; the
 * SDF draft's own validation schema (extended with the protocol-map extension points) is the
 * oracle: it must accept every model ours accepts.
 */
class SdfModelValidationTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();

  private static final String MODELS = "/nipc/registrations/models";

  private static final String VALID =
      "{\"namespace\":{\"v\":\"https://example.com/valid\"},\"defaultNamespace\":\"v\","
          + "\"sdfObject\":{\"o\":{\"sdfProperty\":{\"p\":{\"type\":\"integer\",\"minimum\":0,"
          + "\"sdfProtocolMap\":{\"zigbee\":{\"read\":{\"endpointID\":1,\"clusterID\":6,\"attributeID\":0,\"attributeType\":16},"
          + "\"write\":{\"endpointID\":1,\"clusterID\":6,\"attributeID\":1,\"attributeType\":16}}}}},"
          + "\"sdfAction\":{\"a\":{\"sdfInputData\":{\"type\":\"string\",\"sdfType\":\"byte-string\"},"
          + "\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":6,\"commandID\":2}}}},"
          + "\"sdfEvent\":{\"e\":{\"sdfOutputData\":{\"type\":\"boolean\"},"
          + "\"sdfProtocolMap\":{\"ble\":{\"type\":\"connection_events\"}}}}}}}";

  /** Models that break the schema, each in one place. */
  static Stream<String> invalidModels() {
    String prefix = "{\"namespace\":{\"x\":\"https://example.com/x\"},\"defaultNamespace\":\"x\",";
    String ble =
        "\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"1809\",\"characteristicID\":\"2A1C\"}}";
    return Stream.of(
        prefix
            + "\"sdfObject\":{\"o\":{\"sdfProperty\":{\"p\":{\"type\":\"decimal\","
            + ble
            + "}}}}}",
        prefix
            + "\"sdfObject\":{\"o\":{\"sdfProperty\":{\"p\":{\"writeable\":true,"
            + ble
            + "}}}}}",
        prefix
            + "\"sdfObject\":{\"o\":{\"sdfProperty\":{\"p\":{\"readable\":\"yes\","
            + ble
            + "}}}}}",
        prefix + "\"sdfObject\":{\"o\":{\"sdfActions\":{}}}}",
        prefix
            + "\"sdfObject\":{\"o\":{\"sdfProperty\":{\"p\":{\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"1809\"}}}}}}}",
        prefix
            + "\"sdfObject\":{\"o\":{\"sdfProperty\":{\"p\":{\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"not-a-uuid\",\"characteristicID\":\"2A1C\"}}}}}}}",
        prefix
            + "\"sdfObject\":{\"o\":{\"sdfProperty\":{\"p\":{\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":70000,\"attributeID\":0,\"attributeType\":16}}}}}}}",
        prefix
            + "\"sdfObject\":{\"o\":{\"sdfAction\":{\"a\":{\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":6}}}}}}}",
        prefix
            + "\"sdfObject\":{\"o\":{\"sdfEvent\":{\"e\":{\"sdfProtocolMap\":{\"ble\":{\"type\":\"gatt\"}}}}}}}",
        prefix
            + "\"sdfObject\":{\"o\":{\"sdfEvent\":{\"e\":{\"sdfProtocolMap\":{\"zigbee\":{\"type\":\"polling\",\"endpointID\":1,\"clusterID\":6,\"attributeID\":0,\"attributeType\":16}}}}}}}",
        prefix + "\"sdfObject\":{\"o\":{\"sdfEvent\":{\"e\":{\"sdfProtocolMap\":{}}}}}}",
        prefix
            + "\"sdfThing\":{\"t\":{\"sdfObject\":{\"o\":{\"sdfProperty\":{\"p\":{\"unit\":5,"
            + ble
            + "}}}}}}}",
        prefix + "\"sdfObject\":{\"o\":{}},\"sdfProduct\":{}}");
  }

  @ParameterizedTest
  @MethodSource("invalidModels")
  void a_model_that_breaks_the_schema_is_refused_and_nothing_is_stored(String model) {
    JsonNode before = gateway.scim().get(MODELS).json();

    Reply reply = gateway.scim().post(MODELS, model, "Content-Type", "application/sdf+json");

    assertThat(reply.status()).as(reply.text()).isEqualTo(400);
    assertThat(reply.json().path("detail").asText()).contains("the SDF model is not valid");
    assertThat(gateway.scim().get(MODELS).json()).isEqualTo(before);
  }

  @Test
  void a_model_using_every_kind_of_map_registers() {
    Reply reply = gateway.scim().post(MODELS, VALID, "Content-Type", "application/sdf+json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
  }

  @Test
  void the_sdf_validation_schema_accepts_every_model_ours_accepts() throws Exception {
    JsonSchema sdf = sdfValidationSchemaWithProtocolMaps();
    List<JsonNode> accepted = new ArrayList<>();
    for (String example :
        List.of("thermometer.sdf.json", "thunderboard.sdf.json", "nipc-model.sdf.json")) {
      accepted.add(Specs.json(Specs.root().resolve("nipc/nipc-sdf-example").resolve(example)));
    }
    for (JsonObject model : Fleet.demo().orElseThrow().models()) {
      accepted.add(ScimClient.JSON.readTree(model.encode()));
    }
    accepted.add(ScimClient.JSON.readTree(VALID));

    for (JsonNode model : accepted) {
      assertThat(sdf.validate(model)).as(model.toString()).isEmpty();
    }
  }

  @Test
  void models_the_sdf_validation_schema_refuses_are_refused_by_ours_too() throws Exception {
    JsonSchema sdf = sdfValidationSchemaWithProtocolMaps();
    long checked = 0;
    for (String model : invalidModels().toList()) {
      if (!sdf.validate(ScimClient.JSON.readTree(model)).isEmpty()) {
        checked++;
        Reply reply = gateway.scim().post(MODELS, model, "Content-Type", "application/sdf+json");
        assertThat(reply.status()).as(model).isEqualTo(400);
      }
    }
    assertThat(checked).as("models the SDF schema itself refuses").isGreaterThanOrEqualTo(5);
  }

  /**
   * The draft's SDF validation schema with {@code sdfProtocolMap} allowed (as any object) where the
   * protocol-mapping draft adds it: on properties, actions and events.
   */
  private static JsonSchema sdfValidationSchemaWithProtocolMaps() {
    Path file = Specs.root().resolve("sdf/sdf-validation.jso.json");
    ObjectNode schema = Specs.json(file);
    JsonNode definitions = schema.path("definitions");
    for (String qualities : List.of("propertyqualities", "actionqualities", "eventqualities")) {
      allowProtocolMap(definitions.path(qualities));
    }
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
  }

  private static void allowProtocolMap(JsonNode node) {
    if (node instanceof ObjectNode object && object.has("properties")) {
      ((ObjectNode) object.get("properties"))
          .set("sdfProtocolMap", ScimClient.JSON.createObjectNode().put("type", "object"));
    }
    node.forEach(SdfModelValidationTest::allowProtocolMap);
  }
}
