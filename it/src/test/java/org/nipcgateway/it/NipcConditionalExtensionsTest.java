package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.LIGHT_EUI64;
import static org.nipcgateway.it.support.DemoGateway.PROBLEM;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.CallbackReceiver;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/**
 * The ReadConditional and EventConditional extensions and the long-operation flow they share
 * (Async): 202 with a status URI, 200 IN_PROGRESS while running, 303 to the result once finished,
 * and the result POSTed to a local HTTPS callback receiver, retried when it fails.
 */
@RadioScenario
class NipcConditionalExtensionsTest {
  @RegisterExtension static final CallbackReceiver callbacks = CallbackReceiver.start();

  @RegisterExtension
  static final DemoGateway demo =
      new DemoGateway(
          new JsonObject()
              .put(
                  "extensions",
                  new JsonObject()
                      .put("callbackCaFile", callbacks.certificate().toString())
                      .put("callbackRetryDelayMs", 50)));

  @Parameter RadioRow row;

  private static final String STATE = name("button", "sdfProperty", "state");
  private static final String PRESSED = name("button", "sdfEvent", "pressed");
  private static final String TEMPERATURE = name("light", "sdfProperty", "temperature");
  private static final String ON_OFF_CHANGED = name("light", "sdfEvent", "onOffChanged");

  private static String readPath(String id, String property) {
    return "/nipc/extensions/"
        + id
        + "/properties/read/conditional?propertyName="
        + ScimClient.encode(property);
  }

  private static String eventPath(String id, String event) {
    return "/nipc/extensions/" + id + "/events/conditional?eventName=" + ScimClient.encode(event);
  }

  /** Starts an operation, checks the 202 and its headers, and returns the status URI. */
  private static String start(String path, JsonObject body) {
    Reply reply = demo.client().post(path, body.encode(), "Content-Type", "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(202);
    assertThat(reply.header("Retry-After")).isEqualTo("1");
    String location = reply.header("Location");
    assertThat(location).startsWith(path.split("\\?")[0] + "/status?").contains("&instanceId=");
    return location;
  }

  /** Polls the status URI until it answers 303, and returns the result URI it names. */
  private static String awaitResult(String status) {
    eventually("the operation finished", () -> demo.client().get(status).status() == 303);
    Reply finished = demo.client().get(status);
    assertThat(finished.json().path("status").asText()).isEqualTo("COMPLETED");
    String result = finished.header("Location");
    assertThat(result).isEqualTo(status.replace("/status?", "?"));
    return result;
  }

  private static String instanceId(String uri) {
    return uri.substring(uri.indexOf("instanceId=") + "instanceId=".length());
  }

  @Test
  void the_well_known_document_lists_both_conditional_extensions() {
    JsonNode wellKnown = demo.client().get("/.well-known/nipc").json();
    List<String> extensions = new java.util.ArrayList<>();
    wellKnown.path("extensions").forEach(e -> extensions.add(e.asText()));
    assertThat(extensions)
        .contains(
            "/extensions/{id}/properties/read/conditional", "/extensions/{id}/events/conditional");
  }

  @Test
  void a_ble_conditional_read_completes_once_the_peripheral_has_the_value_asked_for() {
    String status =
        start(
            readPath(demo.button(), STATE),
            new JsonObject().put("value", "AQ==").put("maxRepeat", 10).put("retryTime", 1));
    Reply running = demo.client().get(status);
    assertThat(running.status()).isEqualTo(200);
    assertThat(running.json().path("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(running.json().path("id").asText()).isEqualTo(demo.button());

    demo.pressButton("AQ==");
    try {
      String result = awaitResult(status);
      JsonNode value = demo.client().get(result).json();
      assertThat(value.path("property").asText()).isEqualTo(STATE);
      assertThat(value.path("value").asText()).isEqualTo("AQ==");
      Reply raw = demo.client().get(result, "Accept", "application/octet-stream");
      assertThat(raw.text()).isEqualTo("\u0001");
    } finally {
      demo.pressButton("AA==");
    }
  }

  @Test
  void a_zigbee_conditional_read_completes_once_the_node_has_the_value_asked_for() {
    // 0x07D0 = 20.00 °C; the demo light measures 21.50 °C.
    String status =
        start(
            readPath(demo.light(), TEMPERATURE),
            new JsonObject().put("value", "0Ac=").put("retryTime", 1).put("maxRepeat", 10));
    demo.devices().zigbeeValueChanges(LIGHT_EUI64, 1, 1026, 0, "0Ac=");
    try {
      JsonNode value = demo.client().get(awaitResult(status)).json();
      assertThat(value.path("value").asText()).isEqualTo("0Ac=");
    } finally {
      demo.devices().zigbeeValueChanges(LIGHT_EUI64, 1, 1026, 0, "Zgg=");
    }
  }

  @Test
  void a_conditional_read_that_never_matches_fails_after_max_repeat_reads_and_calls_back() {
    String status =
        start(
            readPath(demo.button(), STATE),
            new JsonObject()
                .put("value", "Bw==")
                .put("maxRepeat", 2)
                .put("retryTime", 0)
                .put("callback", new JsonObject().put("url", callbacks.url())));
    Reply failed = demo.client().get(awaitResult(status));
    assertThat(failed.status()).isEqualTo(504);
    assertThat(failed.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(failed.json().path("detail").asText()).contains("2 read(s)");

    JsonObject callback = callbacks.of(instanceId(status)).body();
    assertThat(callback.getString("id")).isEqualTo(demo.button());
    assertThat(callback.getInteger("status")).isEqualTo(504);
    assertThat(callback.getString("property")).isEqualTo(STATE);
    assertThat(callback.getString("value")).isEqualTo("AA==");
  }

  @Test
  void a_value_already_there_completes_once_its_callback_is_kept_and_is_retried_with_headers() {
    String status =
        start(
            readPath(demo.button(), STATE),
            new JsonObject()
                .put("value", "AA==")
                .put(
                    "callback",
                    new JsonObject()
                        .put("url", callbacks.url())
                        .put(
                            "headers",
                            new JsonObject().put("x-api-key", "k-123").put("x-fail-first", "1"))));
    // No radio read: finished as soon as the callback is on disk in the outbox.
    eventually("the operation finished", () -> demo.client().get(status).status() == 303);

    CallbackReceiver.Received callback = callbacks.of(instanceId(status));
    assertThat(callbacks.failedOnceFor(instanceId(status))).isTrue();
    assertThat(callback.headers().get("x-api-key")).isEqualTo("k-123");
    assertThat(callback.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(callback.body().getMap())
        .containsEntry("id", demo.button())
        .containsEntry("property", STATE)
        .containsEntry("value", "AA==")
        .doesNotContainKey("status");
  }

  @Test
  void a_conditional_event_completes_on_the_first_event_whose_data_matches_and_lets_go() {
    String status =
        start(
            eventPath(demo.button(), PRESSED),
            new JsonObject()
                .put("value", "AQ==")
                .put("timeout", 30)
                .put("callback", new JsonObject().put("url", callbacks.url())));
    assertThat(demo.client().get(status).json().path("status").asText()).isEqualTo("IN_PROGRESS");
    // Extension-EventConditional.yaml's status and callback examples carry the instance as id
    // (its ReadConditional sibling's the device).
    assertThat(demo.client().get(status).json().path("id").asText()).isEqualTo(instanceId(status));

    demo.pressButton("Ag==");
    demo.pressButton("AQ==");
    try {
      JsonNode event = demo.client().get(awaitResult(status)).json();
      assertThat(event.path("event").asText()).isEqualTo(PRESSED);
      assertThat(event.path("value").asText()).isEqualTo("AQ==");
      JsonObject callback = callbacks.of(instanceId(status)).body();
      assertThat(callback.getString("event")).isEqualTo(PRESSED);
      assertThat(callback.getString("value")).isEqualTo("AQ==");
      eventually("the button's connection was let go", () -> demo.devices().bleSlotsInUse() == 0);
    } finally {
      demo.pressButton("AA==");
    }
  }

  @Test
  void a_conditional_event_that_does_not_come_within_its_timeout_fails_and_calls_back() {
    String status =
        start(
            eventPath(demo.light(), ON_OFF_CHANGED),
            new JsonObject()
                .put("value", "Bw==")
                .put("timeout", 1)
                .put("callback", new JsonObject().put("url", callbacks.url())));
    Reply failed = demo.client().get(awaitResult(status));
    assertThat(failed.status()).isEqualTo(504);
    assertThat(failed.json().path("type").asText()).isEqualTo("about:blank");

    JsonObject callback = callbacks.of(instanceId(status)).body();
    assertThat(callback.getString("event")).isEqualTo(ON_OFF_CHANGED);
    assertThat(callback.getInteger("status")).isEqualTo(504);
    assertThat(callback.getString("id")).isEqualTo(instanceId(status));
  }

  @AfterEach
  void clearFaults() {
    demo.faults().clear();
  }

  @Test
  void a_conditional_read_whose_first_read_fails_answers_that_problem_at_once() {
    demo.faults().inject("zigbee", "read", "refused", 1);

    Reply reply =
        postJson(readPath(demo.light(), TEMPERATURE), new JsonObject().put("value", "AQ=="));

    assertProblem(reply, 502, PROBLEM + "property-read-failed");
  }

  @Test
  void a_read_that_fails_later_ends_the_conditional_read_with_its_problem() {
    String status =
        start(
            readPath(demo.light(), TEMPERATURE),
            new JsonObject()
                .put("value", "AQ==")
                .put("retryTime", 1)
                .put("callback", new JsonObject().put("url", callbacks.url())));
    demo.faults().inject("zigbee", "read", "refused");

    assertProblem(demo.client().get(awaitResult(status)), 502, PROBLEM + "property-read-failed");
    assertThat(callbacks.of(instanceId(status)).body().getString("type"))
        .isEqualTo(PROBLEM + "property-read-failed");
  }

  @Test
  void a_conditional_event_that_cannot_be_turned_on_answers_the_radio_problem_and_holds_nothing() {
    demo.faults().inject("ble", "notifications", "timeout", 1);
    String measurement = name("thermometer", "sdfEvent", "temperatureMeasurement");

    Reply reply =
        postJson(eventPath(demo.thermometer(), measurement), new JsonObject().put("value", "AQ=="));

    assertProblem(reply, 504, PROBLEM + "protocolmap-ble-connection-timeout");
    assertThat(demo.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void unknown_devices_and_affordances_are_the_drafts_problems_and_start_nothing() {
    JsonObject body = new JsonObject().put("value", "AQ==");
    String unknown = "9171ec16-e3c1-4ccf-ad23-b92a1a3f069d";
    assertProblem(postJson(readPath(unknown, STATE), body), 400, PROBLEM + "invalid-id");
    assertProblem(postJson(eventPath(unknown, PRESSED), body), 400, PROBLEM + "invalid-id");
    assertProblem(
        postJson(readPath(demo.button(), TEMPERATURE), body), 400, PROBLEM + "invalid-sdf-url");
    assertProblem(
        postJson(eventPath(demo.light(), PRESSED), body), 400, PROBLEM + "invalid-sdf-url");
    assertProblem(
        demo.client()
            .get(
                readPath(demo.button(), STATE).replace("?", "/status?")
                    + "&instanceId=02ee282c-8915-4b2e-bbd2-88966773134a"),
        404,
        "about:blank");
  }

  @Test
  void malformed_requests_are_4xx_problems() {
    String read = readPath(demo.button(), STATE);
    for (String body :
        List.of(
            "{}",
            "{\"value\": 1}",
            "{\"value\": \"not base64!\"}",
            "{\"value\": \"AQ==\", \"maxRepeat\": 11}",
            "{\"value\": \"AQ==\", \"maxRepeat\": 0}",
            "{\"value\": \"AQ==\", \"retryTime\": -1}",
            "{\"value\": \"AQ==\", \"retryTime\": 1.5}",
            "{\"value\": \"AQ==\", \"unknown\": true}",
            "{\"value\": \"AQ==\", \"callback\": \"https://x\"}",
            "{\"value\": \"AQ==\", \"callback\": {}}",
            "{\"value\": \"AQ==\", \"callback\": {\"url\": \"file:///etc/passwd\"}}",
            "{\"value\": \"AQ==\", \"callback\": {\"url\": \"https://u:p@127.0.0.1/\"}}",
            "{\"value\": \"AQ==\", \"callback\": {\"url\": \"https://127.0.0.1/\","
                + " \"headers\": {\"Host\": \"evil\"}}}",
            "{\"value\": \"AQ==\", \"callback\": {\"url\": \"https://127.0.0.1/\","
                + " \"headers\": {\"x-a\": 5}}}",
            "[1]",
            "{")) {
      assertProblem(postJson(read, body), 400, "about:blank");
    }
    assertProblem(
        postJson(eventPath(demo.button(), PRESSED), "{\"value\": \"AQ==\", \"timeout\": 0}"),
        400,
        "about:blank");
    assertProblem(
        demo.client().post(read, "{\"value\": \"AQ==\"}", "Content-Type", "text/plain"),
        415,
        "about:blank");
    assertProblem(
        postJson(
            "/nipc/extensions/" + demo.button() + "/properties/read/conditional",
            "{\"value\": \"AQ==\"}"),
        400,
        "about:blank");
  }

  @Test
  void malformed_event_conditional_requests_are_4xx_problems_and_start_nothing() {
    String event = eventPath(demo.button(), PRESSED);
    for (String body :
        List.of(
            "{}",
            "{\"value\": 1}",
            "{\"value\": \"not base64!\"}",
            "{\"value\": \"AQ==\", \"timeout\": -1}",
            "{\"value\": \"AQ==\", \"timeout\": 1.5}",
            "{\"value\": \"AQ==\", \"timeout\": \"soon\"}",
            "{\"value\": \"AQ==\", \"unknown\": true}",
            "{\"value\": \"AQ==\", \"callback\": {\"url\": \"ftp://127.0.0.1/\"}}",
            "[1]",
            "{")) {
      Reply refused = postJson(event, body);
      assertProblem(refused, 400, "about:blank");
      assertThat(refused.header("Location")).as(body).isNull();
    }
    assertProblem(
        demo.client().post(event, "{\"value\": \"AQ==\"}", "Content-Type", "text/plain"),
        415,
        "about:blank");
    assertThat(demo.client().get(event.replace("?", "/status?") + "&instanceId=nope").status())
        .isEqualTo(404);
  }

  private static Reply postJson(String path, Object body) {
    return demo.client()
        .post(
            path,
            body instanceof JsonObject json ? json.encode() : body,
            "Content-Type",
            "application/json");
  }

  private static void assertProblem(Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().path("type").asText()).isEqualTo(type);
  }
}
