package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.PROBLEM;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

/**
 * The demo thermometer answers to the draft's global names; devices without an {@code sdf}
 * extension use any registered model; characteristics that take only write commands are written
 * without response once discovery has seen them, or whenever the protocol map says so.
 */
@RadioScenario
class NipcBleDetailsTest {
  private static final String DRAFT = "https://example.com/thermometer#/sdfThing/thermometer";
  private static final String KEYPAD_MAC = "02:00:00:00:0F:F1";
  private static final String KEYPAD = "https://example.com/keypad#/sdfObject/keypad";

  /** The demo fleet, seeded, and a keypad whose one characteristic takes write commands only. */
  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.demo()
              .withPeripherals(
                  BlePeripheral.at(
                      KEYPAD_MAC,
                      BlePeripheral.characteristic("FFF0", "FFF1", "AA==", "write-no-response"))));

  @Parameter RadioRow row;

  private static String thermometer;
  private static String keypad;

  @BeforeParameterizedClassInvocation
  static void provision() {
    thermometer =
        gateway
            .scim()
            .list(
                "/Devices",
                "filter=" + ScimClient.encode("displayName eq \"Demo health thermometer\""))
            .at("/Resources/0/id")
            .asText();
    String keypadModel =
        "{\"namespace\":{\"k\":\"https://example.com/keypad\"},\"defaultNamespace\":\"k\","
            + "\"sdfObject\":{\"keypad\":{\"sdfProperty\":{\"code\":{\"readable\":false,"
            + "\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"FFF0\",\"characteristicID\":\"FFF1\"}}},"
            + "\"codeByCommand\":{\"readable\":false,\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"FFF0\","
            + "\"characteristicID\":\"FFF1\",\"writeType\":\"command\"}}},"
            + "\"codeByRequest\":{\"readable\":false,\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"FFF0\","
            + "\"characteristicID\":\"FFF1\",\"writeType\":\"request\"}}}}}}}";
    assertThat(
            gateway
                .scim()
                .post(
                    "/nipc/registrations/models",
                    keypadModel,
                    "Content-Type",
                    "application/sdf+json")
                .status())
        .isEqualTo(201);
    // No sdf extension: the keypad may be operated with any registered model.
    keypad =
        gateway
            .scim()
            .create("/Devices", Devices.bleWithoutPairing("Keypad", KEYPAD_MAC))
            .path("id")
            .asText();
  }

  private static JsonNode read(String id, String property) {
    return gateway
        .scim()
        .get("/nipc/devices/" + id + "/properties?propertyName=" + ScimClient.encode(property))
        .json()
        .get(0);
  }

  private static String text(JsonNode item) {
    return new String(
        Base64.getDecoder().decode(item.path("value").asText()), StandardCharsets.UTF_8);
  }

  @Test
  void the_demo_thermometer_answers_to_the_drafts_global_names() {
    // The demo registers a model under the draft's names, so the draft's own file is a duplicate.
    Reply again =
        gateway
            .scim()
            .post(
                "/nipc/registrations/models",
                Specs.json(Specs.root().resolve("nipc/nipc-sdf-example/thermometer.sdf.json")),
                "Content-Type",
                "application/sdf+json");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("type").asText())
        .isEqualTo(PROBLEM + "sdf-model-already-registered");

    assertThat(text(read(thermometer, DRAFT + "/sdfProperty/device_name")))
        .isEqualTo("Demo thermometer");
    assertThat(text(read(thermometer, DRAFT + "/sdfProperty/manufacturer_name_string")))
        .isEqualTo("NIPC gateway simulators");
    assertThat(
            read(thermometer, DRAFT + "/sdfObject/health_thermometer/sdfProperty/temperature_type")
                .path("value")
                .asText())
        .isEqualTo("Ag==");
  }

  @Test
  void a_device_without_sdf_references_uses_any_registered_model_for_its_radio() {
    Reply written = writeCode("1234");
    // Without discovery the gateway sends a write request, which this characteristic refuses...
    assertThat(written.status()).isEqualTo(502);
    assertThat(written.json().path("type").asText()).isEqualTo(PROBLEM + "property-write-failed");

    // ...once discovery has seen that it takes write commands only, the write goes through.
    String connections = "/nipc/devices/" + keypad + "/connections";
    assertThat(
            gateway
                .scim()
                .post(connections, "{}", "Content-Type", "application/nipc+json")
                .status())
        .isEqualTo(200);
    assertThat(writeCode("1234").status()).isEqualTo(204);
    gateway.scim().delete(connections);

    // A model for another radio still does not apply.
    Reply zigbee =
        gateway
            .scim()
            .get(
                "/nipc/devices/"
                    + keypad
                    + "/properties?propertyName="
                    + ScimClient.encode(
                        "https://nipc-gateway.example/demo#/sdfObject/light/sdfProperty/onOff"));
    assertThat(zigbee.json().get(0).path("status").asInt()).isEqualTo(400);
    assertThat(zigbee.json().get(0).path("detail").asText()).contains("no protocol map");
  }

  @Test
  void the_write_type_a_protocol_map_names_is_used_whatever_discovery_found() {
    // The characteristic takes write commands only: the map's choice shows in the answer.
    assertThat(write("codeByCommand", "42").status()).isEqualTo(204);
    Reply byRequest = write("codeByRequest", "42");
    assertThat(byRequest.status()).isEqualTo(502);
    assertThat(byRequest.json().path("type").asText()).isEqualTo(PROBLEM + "property-write-failed");
  }

  /** Writes the keypad's code raw, as one property with a non-JSON body. */
  private static Reply writeCode(String code) {
    return write("code", code);
  }

  private static Reply write(String property, String code) {
    return gateway
        .scim()
        .put(
            "/nipc/devices/"
                + keypad
                + "/properties?propertyName="
                + ScimClient.encode(KEYPAD + "/sdfProperty/" + property),
            code,
            "Content-Type",
            "application/octet-stream");
  }
}
