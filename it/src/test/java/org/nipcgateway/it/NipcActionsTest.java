package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.PROBLEM;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/** Actions on the demo devices: Zigbee cluster commands and a BLE characteristic write. */
@RadioScenario
class NipcActionsTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();
  @Parameter RadioRow row;

  @AfterEach
  void clearFaults() {
    demo.faults().clear();
    demo.faults().noLatency("zigbee");
  }

  private static String action(String id, String object, String action) {
    return path(id, "actions", "actionName", name(object, "sdfAction", action));
  }

  /** Starts an action, checks the 202 answer, and returns the status location. */
  private static String start(String actionPath) {
    Reply reply = demo.post(actionPath);
    assertThat(reply.status()).as(reply.text()).isEqualTo(202);
    assertThat(reply.header("Retry-After")).isEqualTo("1");
    String location = reply.header("Location");
    assertThat(location).matches("/nipc/devices/[0-9a-f-]{36}/actions\\?instanceId=[0-9a-f-]{36}");
    return location;
  }

  private static JsonNode completed(String location) {
    Eventually.eventually(
        "the action is no longer in progress",
        () -> !demo.client().get(location).text().contains("IN_PROGRESS"));
    return demo.client().get(location).json();
  }

  @Test
  void zigbee_on_and_off_commands_change_the_on_off_attribute() {
    assertThat(completed(start(action(demo.light(), "light", "on"))).path("status").asText())
        .isEqualTo("COMPLETED");
    assertThat(demo.property(demo.light(), "light", "onOff")).isEqualTo("AQ==");

    completed(start(action(demo.light(), "light", "off")));
    assertThat(demo.property(demo.light(), "light", "onOff")).isEqualTo("AA==");

    completed(start(action(demo.light(), "light", "toggle")));
    assertThat(demo.property(demo.light(), "light", "onOff")).isEqualTo("AQ==");
  }

  @Test
  void the_request_body_is_the_command_payload_raw_or_as_base64_json() {
    Reply raw =
        demo.client()
            .send(
                "POST",
                action(demo.light(), "light", "identify"),
                "\u0005\u0000",
                "Content-Type",
                "application/octet-stream");
    assertThat(raw.status()).isEqualTo(202);
    completed(raw.header("Location"));
    assertThat(demo.property(demo.light(), "light", "identifyTime")).isEqualTo("BQA=");

    Reply json =
        demo.postJson(
            action(demo.light(), "light", "identify"), new JsonObject().put("value", "CgA="));
    assertThat(json.status()).isEqualTo(202);
    completed(json.header("Location"));
    assertThat(demo.property(demo.light(), "light", "identifyTime")).isEqualTo("CgA=");
  }

  @Test
  void a_running_action_reports_in_progress_then_completed() {
    demo.faults().latency("zigbee", "command", 400);
    String location = start(action(demo.light(), "light", "toggle"));

    assertThat(demo.client().get(location).json().path("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(completed(location).path("status").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void a_failed_action_answers_its_status_with_the_problem() {
    demo.faults().inject("zigbee", "command", "unknown-target", 1);
    String location = start(action(demo.light(), "light", "on"));

    Eventually.eventually("the action failed", () -> demo.client().get(location).status() != 200);
    Reply status = demo.client().get(location);
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(status.json().path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-zigbee-invalid-endpoint-or-cluster");
  }

  @Test
  void a_command_the_node_does_not_support_fails_as_a_bad_gateway() {
    // Identify without its uint16 payload is a malformed command for the node.
    String location = start(action(demo.light(), "light", "identify"));
    Eventually.eventually("the action failed", () -> demo.client().get(location).status() != 200);
    assertThat(demo.client().get(location).json().path("status").asInt()).isEqualTo(502);
  }

  @Test
  void unknown_actions_devices_and_instances_are_refused_before_anything_runs() {
    Reply unknownAction = demo.post(action(demo.light(), "light", "explode"));
    assertThat(unknownAction.status()).isEqualTo(400);
    assertThat(unknownAction.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-sdf-url");

    Reply wrongDevice = demo.post(action(demo.thermometer(), "light", "on"));
    assertThat(wrongDevice.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-sdf-url");

    Reply unknownDevice = demo.post(action("3171ec43-42a5-4415-ab4b-afd0dfbe9615", "light", "on"));
    assertThat(unknownDevice.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-id");

    Reply missingName = demo.post("/nipc/devices/" + demo.light() + "/actions");
    assertThat(missingName.status()).isEqualTo(400);

    Reply unknownInstance =
        demo.client().get("/nipc/devices/" + demo.light() + "/actions?instanceId=nope");
    assertThat(unknownInstance.status()).isEqualTo(404);
    assertThat(unknownInstance.header("Content-Type")).isEqualTo("application/problem+json");

    Reply badBase64 =
        demo.postJson(action(demo.light(), "light", "on"), new JsonObject().put("value", "***"));
    assertThat(badBase64.status()).isEqualTo(400);
  }

  @Test
  void a_ble_action_writes_its_characteristic_over_an_implicit_connection() {
    // The button model has no action; register one that writes the thermometer's interval.
    String model =
        "{\"namespace\":{\"a\":\"https://example.com/actions\"},\"defaultNamespace\":\"a\","
            + "\"sdfObject\":{\"interval\":{\"sdfAction\":{\"set\":{\"sdfProtocolMap\":{\"ble\":"
            + "{\"serviceID\":\"1809\",\"characteristicID\":\"2A21\"}}}}}}}";
    assertThat(
            demo.client()
                .post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    demo.client()
        .patch(
            "/scim/v2/Devices/" + demo.thermometer(),
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\","
                + "\"path\":\"urn:ietf:params:scim:schemas:extension:sdf:2.0:Device:sdf\","
                + "\"value\":[\"https://example.com/actions#/sdfObject/interval\"]}]}");

    Reply started =
        demo.postJson(
            path(
                demo.thermometer(),
                "actions",
                "actionName",
                "https://example.com/actions#/sdfObject/interval/sdfAction/set"),
            new JsonObject().put("value", "HgA="));
    assertThat(started.status()).isEqualTo(202);
    assertThat(completed(started.header("Location")).path("status").asText())
        .isEqualTo("COMPLETED");
    assertThat(demo.property(demo.thermometer(), "thermometer", "measurementInterval"))
        .isEqualTo("HgA=");

    // The write reached the peripheral, and the implicit connection was closed again.
    assertThat(demo.devices().bleSlotsInUse()).isZero();
  }
}
