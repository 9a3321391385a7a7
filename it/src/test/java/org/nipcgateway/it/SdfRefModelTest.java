package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.World;

/**
 * Models that reuse definitions with {@code sdfRef} register, and the engine operates the resolved
 * definitions (qualities and protocol maps copied from the target, local members overriding), while
 * the client gets its model back as sent; cyclic and dangling references are refused and store
 * nothing.
 */
class SdfRefModelTest {
  private static final String MAC = "AA:BB:CC:00:5D:F0";
  private static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";
  private static final String MODELS = "/nipc/registrations/models";
  private static final String SENSOR = "https://example.com/reuse#/sdfObject/sensor";
  private static final String NAME = SENSOR + "/sdfProperty/name";
  private static final String LABEL = SENSOR + "/sdfProperty/label";
  private static final String VENDOR = "https://example.com/reuse-vendor#/sdfObject/vendor";

  /**
   * Every property of the sensor is an sdfRef: to sdfData (adding the protocol map), or to another
   * property (taking its protocol map, overriding a quality).
   */
  private static final String REUSE =
      "{'namespace':{'r':'https://example.com/reuse'},'defaultNamespace':'r',"
          + "'sdfData':{'gapName':{'type':'string','maxLength':248}},"
          + "'sdfObject':{'sensor':{'sdfProperty':{"
          + "'name':{'sdfRef':'#/sdfData/gapName','writable':true,"
          + "'sdfProtocolMap':{'ble':{'serviceID':'1800','characteristicID':'2A00'}}},"
          + "'label':{'sdfRef':'#/sdfObject/sensor/sdfProperty/name','writable':false}}}}}";

  /** A second model whose property comes from the first one's namespace. */
  private static final String VENDOR_MODEL =
      "{'namespace':{'v':'https://example.com/reuse-vendor','r':'https://example.com/reuse'},"
          + "'defaultNamespace':'v','sdfObject':{'vendor':{'sdfProperty':{"
          + "'name':{'sdfRef':'r:#/sdfObject/sensor/sdfProperty/name'}}}}}";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  BlePeripheral.at(
                      MAC, characteristic("1800", "2A00", "dGVzdA==", "read", "write"))));

  private static String device;

  private static String json(String quoted) {
    return quoted.replace('\'', '"');
  }

  private static Reply register(String model) {
    return http().post(MODELS, json(model), "Content-Type", "application/sdf+json");
  }

  private static ScimClient http() {
    return gateway.scim();
  }

  @BeforeAll
  static void provision() {
    for (String model : new String[] {REUSE, VENDOR_MODEL}) {
      Reply reply = register(model);
      assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }
    ObjectNode body = Devices.withModel(Devices.bleWithoutPairing("reuse", MAC), SENSOR);
    ((ObjectNode) body.get(Devices.SDF)).withArray("sdf").add(VENDOR);
    device = http().create("/Devices", body).path("id").asText();
  }

  private static String properties(String name) {
    return "/nipc/devices/" + device + "/properties?propertyName=" + ScimClient.encode(name);
  }

  @Test
  void a_property_defined_only_by_an_sdfRef_is_read_through_the_copied_protocol_map() {
    Reply reply = http().get(properties(NAME));

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.json().get(0).path("value").asText()).isEqualTo("dGVzdA==");
    assertThat(http().get(properties(LABEL)).json().get(0).path("value").asText())
        .isEqualTo("dGVzdA==");
  }

  @Test
  void a_local_member_overrides_the_referenced_quality() {
    ArrayNode writes = ScimClient.JSON.createArrayNode();
    writes.addObject().put("property", LABEL).put("value", "eA==");

    Reply reply =
        http()
            .put(
                "/nipc/devices/" + device + "/properties",
                writes,
                "Content-Type",
                "application/nipc+json");

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.json().get(0).path("type").asText())
        .isEqualTo(PROBLEM + "property-not-writable");
  }

  @Test
  void a_reference_into_another_registered_models_namespace_is_resolved() {
    Reply reply = http().get(properties(VENDOR + "/sdfProperty/name"));

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.json().get(0).path("value").asText()).isEqualTo("dGVzdA==");
  }

  @Test
  void the_registered_model_is_answered_as_the_client_sent_it() {
    Reply reply = http().get(MODELS + "?sdfName=" + ScimClient.encode(SENSOR));

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    JsonNode label = reply.json().at("/sdfObject/sensor/sdfProperty/label");
    assertThat(label.path("sdfRef").asText()).isEqualTo("#/sdfObject/sensor/sdfProperty/name");
    assertThat(label.has("sdfProtocolMap")).isFalse();
  }

  @Test
  void cyclic_and_dangling_references_are_refused_and_nothing_is_stored() {
    String cyclic =
        "{'namespace':{'c':'https://example.com/cyclic'},'defaultNamespace':'c',"
            + "'sdfData':{'a':{'sdfRef':'#/sdfData/b'},'b':{'sdfRef':'#/sdfData/a'}},"
            + "'sdfObject':{'o':{'sdfProperty':{'p':{'sdfRef':'#/sdfData/a'}}}}}";
    String dangling =
        "{'namespace':{'d':'https://example.com/dangling'},'defaultNamespace':'d',"
            + "'sdfObject':{'o':{'sdfProperty':{'p':{'sdfRef':'#/sdfData/missing'}}}}}";

    for (String model : new String[] {cyclic, dangling}) {
      Reply reply = register(model);
      assertThat(reply.status()).as(reply.text()).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      assertThat(reply.json().path("detail").asText()).contains("sdfRef");
    }
    assertThat(http().get(MODELS).text()).doesNotContain("cyclic", "dangling");
  }
}
