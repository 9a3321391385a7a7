package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.PROBLEM;
import static org.nipcgateway.it.support.DemoGateway.name;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/**
 * Triggers (an event on one device runs an action on another, across radios) and operations on SCIM
 * groups with per-device results.
 */
@RadioScenario
class NipcTriggersAndGroupsTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();
  @Parameter RadioRow row;

  private static final String PRESSED = name("button", "sdfEvent", "pressed");
  private static final String TOGGLE = name("light", "sdfAction", "toggle");

  /** A light registered in SCIM whose node never joined the network. */
  private static String offlineLight;

  private static String group;

  @BeforeParameterizedClassInvocation
  static void provision() {
    ObjectNode offline =
        Devices.withModel(
            Devices.zigbee("Offline light", "00:0D:6F:00:0A:0B:0C:99"),
            DemoGateway.NAMESPACE + "light");
    offlineLight = demo.client().create("/Devices", offline).path("id").asText();

    ObjectNode body = ScimClient.JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    body.put("displayName", "Everything");
    body.putArray("members")
        .add(ScimClient.JSON.createObjectNode().put("value", demo.light()))
        .add(ScimClient.JSON.createObjectNode().put("value", offlineLight))
        .add(ScimClient.JSON.createObjectNode().put("value", demo.button()));
    group = demo.client().create("/Groups", body).path("id").asText();
  }

  private static String actionUri(String collection, String id, String action) {
    return "/nipc/" + collection + "/" + id + "/actions?actionName=" + ScimClient.encode(action);
  }

  private static Reply install(String collection, String id, String event, String action) {
    return demo.postJson(
        "/nipc/" + collection + "/" + id + "/triggers?eventName=" + ScimClient.encode(event),
        new JsonObject().put("action", action));
  }

  @Test
  void a_ble_button_event_runs_a_zigbee_light_action() {
    String before = demo.property(demo.light(), "light", "onOff");
    Reply installed =
        install("devices", demo.button(), PRESSED, actionUri("devices", demo.light(), TOGGLE));
    assertThat(installed.status()).as(installed.text()).isEqualTo(201);
    assertThat(installed.header("Location"))
        .matches("/nipc/devices/" + demo.button() + "/triggers\\?instanceId=[0-9a-f-]{36}");
    // The trigger keeps the button's notifications on, over one held connection.
    assertThat(demo.devices().bleSlotsInUse()).isEqualTo(1);

    demo.pressButton("AQ==");

    Eventually.eventually(
        "the light toggled", () -> !demo.property(demo.light(), "light", "onOff").equals(before));

    JsonNode listed = demo.client().get("/nipc/devices/" + demo.button() + "/triggers").json();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("eventName").asText()).isEqualTo(PRESSED);
    assertThat(listed.get(0).path("action").asText())
        .isEqualTo(actionUri("devices", demo.light(), TOGGLE));

    Reply again =
        install("devices", demo.button(), PRESSED, actionUri("devices", demo.light(), TOGGLE));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("type").asText()).isEqualTo(PROBLEM + "trigger-already-enabled");

    assertThat(demo.client().delete(installed.header("Location")).status()).isEqualTo(204);
    assertThat(demo.devices().bleSlotsInUse()).isZero();
    assertThat(demo.client().get("/nipc/devices/" + demo.button() + "/triggers").json()).isEmpty();
  }

  @Test
  void trigger_status_answers_unknown_instances_as_problems_and_delete_without_id_removes_all() {
    String triggers = "/nipc/devices/" + demo.light() + "/triggers";
    String identify =
        actionUri("devices", demo.light(), name("light", "sdfAction", "identifyQuery"));
    Reply onTemperature =
        install("devices", demo.light(), name("light", "sdfEvent", "temperatureChanged"), identify);
    Reply onOnOff =
        install("devices", demo.light(), name("light", "sdfEvent", "onOffChanged"), identify);
    assertThat(onTemperature.status()).as(onTemperature.text()).isEqualTo(201);
    assertThat(onOnOff.status()).as(onOnOff.text()).isEqualTo(201);
    String installed = onTemperature.header("Location").replaceAll(".*instanceId=", "");
    String unknown = "0b9d3c57-6a3e-4c1e-9d0f-5b8f2f4a7e11";

    JsonNode status =
        demo.client().get(triggers + "?instanceId=" + unknown + "," + installed).json();
    assertThat(status).hasSize(2);
    assertThat(status.get(0).path("status").asInt()).isEqualTo(404);
    assertThat(status.get(0).path("detail").asText()).contains(unknown);
    assertThat(status.get(1).path("instanceId").asText()).isEqualTo(installed);

    assertThat(demo.client().delete(triggers).status()).isEqualTo(204);
    assertThat(demo.client().get(triggers).json()).isEmpty();
    assertThat(demo.client().delete(triggers).status()).isEqualTo(204);
  }

  @Test
  void triggers_with_unusable_actions_are_refused() {
    Reply noAction =
        demo.postJson(
            "/nipc/devices/" + demo.button() + "/triggers?eventName=" + ScimClient.encode(PRESSED),
            new JsonObject().put("actions", "x"));
    assertThat(noAction.status()).isEqualTo(400);

    Reply notAnAction = install("devices", demo.button(), PRESSED, "/nipc/devices/x/properties");
    assertThat(notAnAction.status()).isEqualTo(400);

    Reply unknownDevice =
        install(
            "devices",
            demo.button(),
            PRESSED,
            actionUri("devices", "3171ec43-42a5-4415-ab4b-afd0dfbe9615", TOGGLE));
    assertThat(unknownDevice.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-id");

    Reply unknownEvent =
        install(
            "devices",
            demo.button(),
            name("button", "sdfEvent", "held"),
            actionUri("devices", demo.light(), TOGGLE));
    assertThat(unknownEvent.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-sdf-url");
    assertThat(demo.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void a_group_action_reports_each_device_and_its_problem() {
    Reply started = demo.post(actionUri("groups", group, TOGGLE));
    assertThat(started.status()).isEqualTo(202);
    assertThat(started.header("Location"))
        .matches("/nipc/groups/" + group + "/actions\\?instanceId=[0-9a-f-]{36}");

    Eventually.eventually(
        "no device is in progress",
        () -> !demo.client().get(started.header("Location")).text().contains("IN_PROGRESS"));
    Map<String, JsonNode> byDevice = byDevice(demo.client().get(started.header("Location")).json());

    assertThat(byDevice).containsOnlyKeys(demo.light(), offlineLight, demo.button());
    assertThat(byDevice.get(demo.light()).path("status").asText()).isEqualTo("COMPLETED");
    assertThat(byDevice.get(offlineLight).path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-zigbee-connection-timeout");
    assertThat(byDevice.get(demo.button()).path("type").asText())
        .isEqualTo(PROBLEM + "invalid-sdf-url");
  }

  @Test
  void a_group_event_enables_on_each_device_and_disables_with_per_device_results() {
    String event = name("light", "sdfEvent", "onOffChanged");
    Reply enabled =
        demo.post("/nipc/groups/" + group + "/events?eventName=" + ScimClient.encode(event));
    assertThat(enabled.status()).isEqualTo(201);
    String location = enabled.header("Location");
    assertThat(location).matches("/nipc/groups/" + group + "/events\\?instanceId=[0-9a-f-]{36}");

    Map<String, JsonNode> status = byDevice(demo.client().get(location).json());
    assertThat(status.get(demo.light()).path("event").asText()).isEqualTo(event);
    assertThat(status.get(offlineLight).path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-zigbee-connection-timeout");
    assertThat(status.get(demo.button()).path("type").asText())
        .isEqualTo(PROBLEM + "invalid-sdf-url");

    Reply again =
        demo.post("/nipc/groups/" + group + "/events?eventName=" + ScimClient.encode(event));
    assertThat(again.json().path("type").asText()).isEqualTo(PROBLEM + "event-already-enabled");

    Reply disabled = demo.client().delete(location);
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(byDevice(disabled.json()).get(demo.light()).path("event").asText()).isEqualTo(event);
    assertThat(demo.client().get("/nipc/groups/" + group + "/events").json()).isEmpty();
  }

  @Test
  void a_group_trigger_installs_on_each_device_that_has_the_event() {
    Reply installed = install("groups", group, PRESSED, actionUri("devices", demo.light(), TOGGLE));
    assertThat(installed.status()).isEqualTo(201);

    Map<String, JsonNode> listed =
        byDevice(demo.client().get("/nipc/groups/" + group + "/triggers").json());
    assertThat(listed.get(demo.button()).path("eventName").asText()).isEqualTo(PRESSED);
    assertThat(listed.get(demo.light()).path("type").asText())
        .isEqualTo(PROBLEM + "invalid-sdf-url");

    assertThat(demo.client().delete(installed.header("Location")).status()).isEqualTo(204);
    assertThat(demo.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void operations_on_an_unknown_group_are_invalid_id() {
    Reply reply = demo.post(actionUri("groups", "0dc729d7-f6c3-491d-9b9d-e7176d2be243", TOGGLE));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-id");
  }

  private static Map<String, JsonNode> byDevice(JsonNode entries) {
    return StreamSupport.stream(entries.spliterator(), false)
        .collect(Collectors.toMap(e -> e.path("deviceId").asText(), e -> e));
  }
}
