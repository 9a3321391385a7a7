package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.Specs;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;

/** Property reads and writes on a BLE thermometer (draft-ietf-asdf-nipc, Property APIs). */
@RadioScenario
class NipcPropertiesTest {
  private static final String MAC = "2C:54:91:88:C9:E2";
  private static final String THERMOMETER = "https://example.com/thermometer#/sdfThing/thermometer";
  private static final String TEMPERATURE_TYPE =
      THERMOMETER + "/sdfObject/health_thermometer/sdfProperty/temperature_type";
  private static final String INTERVAL =
      THERMOMETER + "/sdfObject/health_thermometer/sdfProperty/measurement_interval";
  private static final String BATTERY = "https://example.com/battery#/sdfObject/battery";
  private static final String LEVEL = BATTERY + "/sdfProperty/level";
  private static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  BlePeripheral.at(
                      MAC,
                      characteristic("1809", "2A1D", "QQ==", "read"),
                      characteristic("180F", "2A19", "ZA==", "read", "write"))));

  @Parameter RadioRow row;

  private static String device;

  @BeforeParameterizedClassInvocation
  static void registerModelsAndDevice() {
    ScimClient scim = gateway.scim();
    assertThat(
            scim.post(
                    "/nipc/registrations/models",
                    Specs.json(Specs.root().resolve("nipc/nipc-sdf-example/thermometer.sdf.json")),
                    "Content-Type",
                    "application/sdf+json")
                .status())
        .isEqualTo(201);
    String battery =
        "{\"namespace\":{\"b\":\"https://example.com/battery\"},\"defaultNamespace\":\"b\",\"sdfObject\":{\"battery\":"
            + "{\"sdfProperty\":{\"level\":{\"type\":\"integer\",\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"180f\",\"characteristicID\":\"2a19\"}}}}}}}";
    assertThat(
            scim.post("/nipc/registrations/models", battery, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    ObjectNode body = Devices.ble("thermometer", 1);
    ((ObjectNode) body.get(Devices.BLE)).put("deviceMacAddress", MAC);
    ((ObjectNode) Devices.withModel(body, THERMOMETER).get(Devices.SDF))
        .withArray("sdf")
        .add(BATTERY);
    device = scim.create("/Devices", body).path("id").asText();
  }

  private static String properties(String... names) {
    StringBuilder path = new StringBuilder("/nipc/devices/" + device + "/properties");
    for (int i = 0; i < names.length; i++) {
      path.append(i == 0 ? "?" : "&").append("propertyName=").append(ScimClient.encode(names[i]));
    }
    return path.toString();
  }

  @Test
  void reading_properties_answers_base64_values_and_a_problem_per_failed_item() {
    Reply reply =
        gateway
            .scim()
            .get(
                properties(
                    TEMPERATURE_TYPE,
                    INTERVAL,
                    THERMOMETER + "/sdfObject/health_thermometer/sdfProperty/nope"),
                "Accept",
                "application/nipc+json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/nipc+json");
    JsonNode items = reply.json();
    assertThat(items.get(0).path("property").asText()).isEqualTo(TEMPERATURE_TYPE);
    assertThat(items.get(0).path("value").asText()).isEqualTo("QQ==");
    // The model maps measurement_interval to 2A21, which this thermometer lacks.
    assertThat(items.get(1).path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-ble-invalid-service-or-characteristic");
    assertThat(items.get(2).path("type").asText()).isEqualTo(PROBLEM + "invalid-sdf-url");
  }

  @Test
  void one_property_can_be_read_raw() {
    Reply reply =
        gateway.scim().get(properties(TEMPERATURE_TYPE), "Accept", "application/octet-stream");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(reply.text()).isEqualTo("A");
  }

  @Test
  void writing_properties_answers_a_status_or_a_problem_per_item_and_the_value_changes() {
    ArrayNode writes = ScimClient.JSON.createArrayNode();
    writes.addObject().put("property", LEVEL).put("value", "Mg==");
    writes.addObject().put("property", TEMPERATURE_TYPE).put("value", "Qg==");
    Reply reply =
        gateway
            .scim()
            .put(
                "/nipc/devices/" + device + "/properties",
                writes,
                "Content-Type",
                "application/nipc+json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.json().get(0).path("status").asInt()).isEqualTo(200);
    assertThat(reply.json().get(1).path("type").asText())
        .isEqualTo(PROBLEM + "property-not-writable");
    assertThat(gateway.scim().get(properties(LEVEL)).json().get(0).path("value").asText())
        .isEqualTo("Mg==");

    Reply raw =
        gateway.scim().put(properties(LEVEL), "7", "Content-Type", "application/octet-stream");
    assertThat(raw.status()).isEqualTo(204);
    assertThat(gateway.scim().get(properties(LEVEL)).json().get(0).path("value").asText())
        .isEqualTo("Nw==");
  }

  @Test
  void unknown_and_inactive_devices_are_invalid_ids() {
    Reply unknown =
        gateway
            .scim()
            .get(
                "/nipc/devices/00000000-0000-0000-0000-000000000000/properties?propertyName="
                    + ScimClient.encode(LEVEL));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(unknown.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-id");

    ObjectNode inactive = Devices.ble("off", 77);
    inactive.put("active", false);
    String id = gateway.scim().create("/Devices", inactive).path("id").asText();
    assertThat(
            gateway
                .scim()
                .get("/nipc/devices/" + id + "/properties?propertyName=" + ScimClient.encode(LEVEL))
                .json()
                .path("type")
                .asText())
        .isEqualTo(PROBLEM + "invalid-id");
  }
}
