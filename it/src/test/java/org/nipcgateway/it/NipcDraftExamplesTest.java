package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.Specs;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;

/**
 * The request/response examples of draft-ietf-asdf-nipc, in its order: the "Examples" section
 * (property read/write, an event on a device, an event on a group) and the examples of the API
 * sections (data apps, actions, triggers, connections), with the draft's own models, against BLE
 * peripherals that hold the draft's GATT tables. Status, headers and body shape are checked; ids
 * and values are ours.
 */
@RadioScenario
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NipcDraftExamplesTest {
  private static final String THERMOMETER_MAC = "AA:BB:CC:00:18:09";
  private static final String SECOND_THERMOMETER_MAC = "AA:BB:CC:00:18:0A";
  private static final String HEART_MAC = "AA:BB:CC:00:18:0D";
  private static final String THERMOMETER = "https://example.com/thermometer#/sdfThing/thermometer";
  private static final String HEALTHSENSOR =
      "https://example.com/heartrate#/sdfObject/healthsensor";
  private static final String DEVICE_NAME = THERMOMETER + "/sdfProperty/device_name";
  private static final String IS_PRESENT = THERMOMETER + "/sdfEvent/isPresent";
  private static final String FALL_DETECTED = HEALTHSENSOR + "/sdfEvent/fallDetected";
  private static final String START = HEALTHSENSOR + "/sdfAction/start";
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  thermometer(THERMOMETER_MAC),
                  thermometer(SECOND_THERMOMETER_MAC),
                  heartSensor()));

  @Parameter RadioRow row;

  private static String thermometer;
  private static String secondThermometer;
  private static String heartSensor;
  private static String dataApp;
  private static String group;
  private static String eventLocation;

  private static JsonObject thermometer(String mac) {
    return BlePeripheral.at(
        mac,
        characteristic("1800", "2A00", "dGVzdA==", "read", "write"),
        characteristic("1809", "2A1C", "AG4BAP8=", "indicate"),
        characteristic("1809", "2A1D", "Ag==", "read"));
  }

  private static JsonObject heartSensor() {
    String base = "12345678-1234-5678-1234-56789abcdef";
    return BlePeripheral.at(
        HEART_MAC,
        characteristic(base + "4", base + "4", "SA==", "read"),
        characteristic(base + "1", base + "1", "AA==", "read", "notify"),
        characteristic(base + "8", base + "8", "AA==", "write"),
        characteristic(base + "9", base + "9", "AA==", "write"));
  }

  private static ScimClient http() {
    return gateway.scim();
  }

  private static String device(String name, String mac, String model) {
    return http()
        .create("/Devices", Devices.withModel(Devices.bleWithoutPairing(name, mac), model))
        .path("id")
        .asText();
  }

  @BeforeParameterizedClassInvocation
  static void provision() {
    ObjectNode app = ScimClient.JSON.createObjectNode();
    app.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:EndpointApp");
    app.put("applicationType", "telemetry");
    app.put("applicationName", "Telemetry app");
    dataApp = http().create("/EndpointApps", app).path("id").asText();
  }

  @Test
  @Order(1)
  void register_an_sdf_model() {
    Reply reply =
        http()
            .post(
                "/nipc/registrations/models",
                Specs.json(Specs.root().resolve("nipc/nipc-sdf-example/thermometer.sdf.json")),
                "Content-Type",
                "application/sdf+json",
                "Accept",
                "application/nipc+json");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Content-Type")).isEqualTo("application/nipc+json");
    assertThat(reply.json().toString()).isEqualTo("[{\"sdfName\":\"" + THERMOMETER + "\"}]");

    thermometer = device("Thermometer", THERMOMETER_MAC, THERMOMETER);
    secondThermometer = device("Second thermometer", SECOND_THERMOMETER_MAC, THERMOMETER);
  }

  @Test
  @Order(2)
  void read_a_property_from_the_ble_device() {
    Reply reply =
        http()
            .get(
                "/nipc/devices/"
                    + thermometer
                    + "/properties?propertyName="
                    + ScimClient.encode(DEVICE_NAME),
                "Accept",
                "application/nipc+json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/nipc+json");
    assertThat(reply.json().toString())
        .isEqualTo("[{\"property\":\"" + DEVICE_NAME + "\",\"value\":\"dGVzdA==\"}]");
  }

  @Test
  @Order(3)
  void write_to_a_property_on_the_ble_device() {
    Reply reply =
        http()
            .put(
                "/nipc/devices/"
                    + thermometer
                    + "/properties?propertyName="
                    + ScimClient.encode(DEVICE_NAME),
                "[{\"property\":\"" + DEVICE_NAME + "\",\"value\":\"dGVzdA==\"}]",
                "Content-Type",
                "application/nipc+json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/nipc+json");
    assertThat(reply.json().toString()).isEqualTo("[{\"status\":200}]");
  }

  @Test
  @Order(4)
  void register_the_data_app_with_the_event() {
    String body = "{\"events\":[{\"event\":\"" + IS_PRESENT + "\"}],\"mqttClient\":true}";
    Reply reply =
        http()
            .post(
                "/nipc/registrations/data-apps?dataAppId=" + dataApp,
                body,
                "Content-Type",
                "application/nipc+json",
                "Accept",
                "application/nipc+json");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Content-Type")).isEqualTo("application/nipc+json");
    assertThat(reply.json()).isEqualTo(json(body));
  }

  @Test
  @Order(5)
  void enable_the_advertisement_event_and_check_its_status() {
    Reply enabled =
        http()
            .post(
                "/nipc/devices/"
                    + thermometer
                    + "/events?eventName="
                    + ScimClient.encode(IS_PRESENT),
                null);
    assertThat(enabled.status()).isEqualTo(201);
    eventLocation = enabled.header("Location");
    assertThat(eventLocation)
        .matches("/nipc/devices/" + thermometer + "/events\\?instanceId=" + UUID);

    Reply status = http().get(eventLocation);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.header("Content-Type")).isEqualTo("application/nipc+json");
    String instanceId = eventLocation.substring(eventLocation.indexOf('=') + 1);
    // The draft's two members, then the gateway's own: whether the radio side holds.
    assertThat(status.json().toString())
        .isEqualTo(
            "[{\"instanceId\":\""
                + instanceId
                + "\",\"event\":\""
                + IS_PRESENT
                + "\",\"state\":\"active\"}]");
  }

  @Test
  @Order(6)
  void enable_the_advertisement_event_on_a_group_of_devices() {
    ObjectNode body = ScimClient.JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    body.put("displayName", "Thermometers");
    body.putArray("members")
        .add(ScimClient.JSON.createObjectNode().put("value", thermometer))
        .add(ScimClient.JSON.createObjectNode().put("value", secondThermometer));
    group = http().create("/Groups", body).path("id").asText();

    Reply enabled =
        http()
            .post(
                "/nipc/groups/" + group + "/events?eventName=" + ScimClient.encode(IS_PRESENT),
                null);
    assertThat(enabled.status()).isEqualTo(201);
    String location = enabled.header("Location");
    assertThat(location).matches("/nipc/groups/" + group + "/events\\?instanceId=" + UUID);

    Reply status = http().get(location);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.header("Content-Type")).isEqualTo("application/nipc+json");
    Set<String> devices =
        StreamSupport.stream(status.json().spliterator(), false)
            .peek(entry -> assertThat(entry.path("event").asText()).isEqualTo(IS_PRESENT))
            .map(entry -> entry.path("deviceId").asText())
            .collect(Collectors.toSet());
    assertThat(devices).containsExactlyInAnyOrder(thermometer, secondThermometer);

    Reply disabled = http().delete(location);
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json()).hasSize(2);
  }

  @Test
  @Order(7)
  void disable_event_reporting() {
    assertThat(http().delete(eventLocation).status()).isEqualTo(204);
  }

  @Test
  @Order(8)
  void update_get_and_delete_a_data_application() {
    http()
        .post(
            "/nipc/registrations/models",
            Specs.json(Specs.root().resolve("nipc/nipc-sdf-example/nipc-model.sdf.json")),
            "Content-Type",
            "application/sdf+json");
    String body =
        "{\"events\":[{\"event\":\""
            + FALL_DETECTED
            + "\"}],\"mqttBroker\":{\"URI\":\"mqtt.example.com:1883\","
            + "\"username\":\"user\",\"password\":\"password\",\"customTopic\":\"custom/topic\"}}";
    Reply updated =
        http()
            .put(
                "/nipc/registrations/data-apps?dataAppId=" + dataApp,
                body,
                "Content-Type",
                "application/nipc+json");
    assertThat(updated.status()).isEqualTo(200);
    // The same body, but the gateway never shows the broker password again.
    ObjectNode expected = (ObjectNode) json(body);
    ((ObjectNode) expected.get("mqttBroker")).remove("password");
    assertThat(updated.json()).isEqualTo(expected);
    assertThat(http().get("/nipc/registrations/data-apps?dataAppId=" + dataApp).json())
        .isEqualTo(expected);
  }

  @Test
  @Order(9)
  void perform_an_action_and_check_its_status() {
    heartSensor = device("Heart sensor", HEART_MAC, HEALTHSENSOR);
    Reply started =
        http()
            .post(
                "/nipc/devices/" + heartSensor + "/actions?actionName=" + ScimClient.encode(START),
                null);
    assertThat(started.status()).isEqualTo(202);
    assertThat(started.header("Location"))
        .matches("/nipc/devices/" + heartSensor + "/actions\\?instanceId=" + UUID);
    assertThat(started.header("Retry-After")).matches("\\d+");

    Eventually.eventually(
        "the action completed",
        () -> http().get(started.header("Location")).text().contains("COMPLETED"));
    Reply status = http().get(started.header("Location"));
    assertThat(status.header("Content-Type")).isEqualTo("application/nipc+json");
    assertThat(status.json().toString()).isEqualTo("{\"status\":\"COMPLETED\"}");
  }

  @Test
  @Order(10)
  void create_list_and_delete_a_trigger_on_a_device() {
    String action = "/devices/" + heartSensor + "/actions?actionName=" + ScimClient.encode(START);
    Reply created =
        http()
            .post(
                "/nipc/devices/"
                    + heartSensor
                    + "/triggers?eventName="
                    + ScimClient.encode(FALL_DETECTED),
                "{\"action\":\"" + action + "\"}",
                "Content-Type",
                "application/nipc+json");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String location = created.header("Location");
    assertThat(location).matches("/nipc/devices/" + heartSensor + "/triggers\\?instanceId=" + UUID);

    JsonNode listed = http().get("/nipc/devices/" + heartSensor + "/triggers").json();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("instanceId").asText())
        .isEqualTo(location.substring(location.indexOf('=') + 1));
    assertThat(listed.get(0).path("eventName").asText()).isEqualTo(FALL_DETECTED);
    assertThat(listed.get(0).path("action").asText()).isEqualTo(action);

    assertThat(http().delete(location).status()).isEqualTo(204);
  }

  @Test
  @Order(11)
  void connect_discover_get_status_update_and_disconnect() {
    String connections = "/nipc/devices/" + thermometer + "/connections";
    Reply connected =
        http().post(connections, "{\"retries\":3}", "Content-Type", "application/nipc+json");
    assertThat(connected.status()).isEqualTo(200);
    assertThat(connected.json().path("id").asText()).isEqualTo(thermometer);
    assertThat(connected.json().at("/protocolInformation/ble/services").size()).isEqualTo(2);

    String discovery =
        "{\"protocolInformation\":{\"ble\":{\"services\":[{\"serviceID\":\"00001809-0000-1000-8000-00805f9b34fb\"}],"
            + "\"cached\":false,\"cacheExpiryDuration\":3600,\"autoUpdate\":true}}}";
    Reply updated = http().put(connections, discovery, "Content-Type", "application/nipc+json");
    assertThat(updated.status()).isEqualTo(200);
    JsonNode service = updated.json().at("/protocolInformation/ble/services/0");
    assertThat(service.path("serviceID").asText())
        .isEqualTo("00001809-0000-1000-8000-00805f9b34fb");
    assertThat(service.path("characteristics").get(0).path("characteristicID").asText())
        .matches(UUID);

    assertThat(http().get(connections).json().at("/protocolInformation/ble/services"))
        .isEqualTo(updated.json().at("/protocolInformation/ble/services"));
    assertThat(http().delete(connections).status()).isEqualTo(204);
  }

  @Test
  @Order(12)
  void delete_the_data_application() {
    assertThat(http().delete("/nipc/registrations/data-apps?dataAppId=" + dataApp).status())
        .isEqualTo(204);
    assertThat(http().get("/nipc/registrations/data-apps?dataAppId=" + dataApp).status())
        .isEqualTo(400);
  }

  @Test
  @Order(13)
  void read_a_property_conditionally_as_the_read_conditional_extension_shows() {
    String path =
        "/nipc/extensions/"
            + thermometer
            + "/properties/read/conditional?propertyName="
            + ScimClient.encode(DEVICE_NAME);
    Reply accepted =
        http()
            .post(
                path,
                "{\"value\": \"dGVzdA==\", \"maxRepeat\": 5, \"retryTime\": 1}",
                "Content-Type",
                "application/json");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.header("Retry-After")).isEqualTo("1");
    String status = accepted.header("Location");
    assertThat(status)
        .matches(
            "/nipc/extensions/"
                + thermometer
                + "/properties/read/conditional/status\\?propertyName=[^&]+&instanceId="
                + UUID);

    // The draft's example value is already there: the operation finished with the first read.
    Reply finished = http().get(status);
    assertThat(finished.status()).isEqualTo(303);
    assertThat(finished.json().path("id").asText()).isEqualTo(thermometer);
    assertThat(finished.json().path("status").asText()).isEqualTo("COMPLETED");
    Reply result = http().get(finished.header("Location"));
    assertThat(result.json().toString())
        .isEqualTo("{\"property\":\"" + DEVICE_NAME + "\",\"value\":\"dGVzdA==\"}");
  }

  @Test
  @Order(14)
  void wait_for_an_event_conditionally_as_the_event_conditional_extension_shows() {
    String path =
        "/nipc/extensions/"
            + thermometer
            + "/events/conditional?eventName="
            + ScimClient.encode(IS_PRESENT);
    Reply accepted =
        http()
            .post(
                path,
                "{\"value\": \"dGVzdA==\", \"timeout\": 1}",
                "Content-Type",
                "application/json");
    assertThat(accepted.status()).isEqualTo(202);
    String status = accepted.header("Location");
    assertThat(status)
        .matches(
            "/nipc/extensions/"
                + thermometer
                + "/events/conditional/status\\?eventName=[^&]+&instanceId="
                + UUID);

    // No advertisement carries that value: after the timeout the result is the failure.
    Eventually.eventually("the event timed out", () -> http().get(status).status() == 303);
    Reply result = http().get(http().get(status).header("Location"));
    assertThat(result.status()).isEqualTo(504);
    assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  @Order(15)
  void write_a_binary_blob_in_chunks_as_the_blob_extension_shows() {
    Reply written =
        http()
            .put(
                "/nipc/extensions/"
                    + thermometer
                    + "/properties/blob?propertyName="
                    + ScimClient.encode(DEVICE_NAME),
                "{\"blob\": \"dGVzdA==\", \"chunksize\": 2}",
                "Content-Type",
                "application/json");
    assertThat(written.status()).as(written.text()).isEqualTo(204);
  }

  @Test
  @Order(16)
  void the_transmit_extensions_own_example_payload_is_refused_as_invalid_data() {
    // Extension-Transmit.yaml's example payload is not well-formed advertising data: its third AD
    // structure says 22 bytes follow where 13 do. The gateway refuses it rather than send it.
    Reply refused =
        http()
            .post(
                "/nipc/extensions/" + thermometer + "/transmit",
                "{\"cycle\": \"single\", \"transmitTime\": 3000, \"transmitInterval\": 500,"
                    + " \"payload\": \"AgEaAgoMFv9MABAHch9BsDkgeA==\"}",
                "Content-Type",
                "application/json");
    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().path("type").asText())
        .isEqualTo(
            "https://www.iana.org/assignments/nipc-problem-types#extension-transmit-invalid-data");

    // The same request with well-formed structures (Flags, then Apple's manufacturer data).
    Reply sent =
        http()
            .post(
                "/nipc/extensions/" + thermometer + "/transmit",
                "{\"cycle\": \"single\", \"transmitTime\": 3000, \"transmitInterval\": 500,"
                    + " \"payload\": \"AgEaBv9MABAHcg==\"}",
                "Content-Type",
                "application/json");
    assertThat(sent.status()).as(sent.text()).isEqualTo(200);
  }

  @Test
  @Order(17)
  void run_the_bulk_extensions_example_with_its_conditional_read() throws Exception {
    // Extension-Bulk.yaml's bulkRequest names a temperature property the draft's thermometer
    // model does not have at that level; device_name holds the example's value.
    String request = bulkExample("bulkRequest");
    // The Blob example before left its last piece in device_name; the example reads its value.
    Reply reset =
        http()
            .put(
                "/nipc/devices/"
                    + thermometer
                    + "/properties?propertyName="
                    + ScimClient.encode(DEVICE_NAME),
                "[{\"property\":\"" + DEVICE_NAME + "\",\"value\":\"dGVzdA==\"}]",
                "Content-Type",
                "application/nipc+json");
    assertThat(reset.status()).as(reset.text()).isBetween(200, 299);
    Reply accepted =
        http()
            .post(
                "/nipc/extensions/" + thermometer + "/bulk",
                request,
                "Content-Type",
                "application/json");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    String status = accepted.header("Location");
    assertThat(status)
        .matches("/nipc/extensions/" + thermometer + "/bulk/status\\?instanceId=" + UUID);
    Eventually.eventually("the bulk finished", () -> http().get(status).status() == 303);
    Reply results = http().get(http().get(status).header("Location"));
    assertThat(results.status()).isEqualTo(200);
    assertThat(results.json().path("operations"))
        .isEqualTo(json(bulkExample("bulkResponse")).path("operations"));
  }

  /** An example of Extension-Bulk.yaml, addressed to our thermometer's device_name. */
  private static String bulkExample(String name) throws java.io.IOException {
    JsonNode yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(
                Specs.root().resolve("nipc/nipc-openapi/extensions/Extension-Bulk.yaml").toFile());
    return yaml.path("components")
        .path("examples")
        .path(name)
        .path("value")
        .toString()
        .replace("1d3b2c36-8a65-45a6-87c1-bcdbe0a32e30", thermometer)
        .replace("sdfProperty%2Ftemperature", "sdfProperty%2Fdevice_name");
  }

  private static JsonNode json(String text) {
    try {
      return ScimClient.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
