package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.CallbackReceiver;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;

/** The Bulk extension: operations run in order, results in order, skipped after a failure. */
@RadioScenario
class NipcBulkTest {
  private static final String MAC = "2C:54:91:88:C9:B1";
  private static final String MODEL = "https://example.com/bulky#/sdfObject/bulky";
  private static final String LEVEL = MODEL + "/sdfProperty/level";
  private static final String SECRET = MODEL + "/sdfProperty/secret";
  private static final String RESET = MODEL + "/sdfAction/reset";
  private static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";
  private static final String JSON = "application/json";

  @RegisterExtension static final CallbackReceiver RECEIVER = CallbackReceiver.start();

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  BlePeripheral.at(
                      MAC,
                      characteristic("FFF0", "FFF1", "AA==", "read", "write"),
                      characteristic("FFF0", "FFF3", "AA==", "write"))),
          config ->
              config.moduleSettings(
                  "nipc",
                  new io.vertx.core.json.JsonObject()
                      .put(
                          "extensions",
                          new io.vertx.core.json.JsonObject()
                              .put("callbackCaFile", RECEIVER.certificate().toString())
                              .put(
                                  "bulk",
                                  new io.vertx.core.json.JsonObject()
                                      .put("advertisementWaitMs", 3000)))));

  @Parameter RadioRow row;

  private static String device;
  private static String other;
  private static String silent;

  /** No peripheral of the world has this address: the device never advertises. */
  private static final String SILENT_MAC = "2C:54:91:88:C9:BF";

  @BeforeParameterizedClassInvocation
  static void registerModelAndDevice() {
    String model =
        "{\"namespace\":{\"b\":\"https://example.com/bulky\"},\"defaultNamespace\":\"b\","
            + "\"sdfObject\":{\"bulky\":{\"sdfProperty\":{"
            + "\"level\":{\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"fff0\",\"characteristicID\":\"fff1\"}}},"
            + "\"secret\":{\"readable\":false,\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"fff0\",\"characteristicID\":\"fff3\"}}}"
            + "},\"sdfAction\":{\"reset\":{\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"fff0\",\"characteristicID\":\"fff3\"}}}}"
            + "}}}";
    ScimClient scim = gateway.scim();
    assertThat(
            scim.post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    device =
        scim.create("/Devices", Devices.withModel(Devices.bleWithoutPairing("bulky", MAC), MODEL))
            .path("id")
            .asText();
    silent =
        scim.create(
                "/Devices",
                Devices.withModel(Devices.bleWithoutPairing("silent", SILENT_MAC), MODEL))
            .path("id")
            .asText();
    other =
        scim.create(
                "/Devices",
                Devices.withModel(Devices.bleWithoutPairing("other", "2C:54:91:88:C9:B2"), MODEL))
            .path("id")
            .asText();
  }

  private static String properties(String id, String name) {
    return "/devices/" + id + "/properties?propertyName=" + ScimClient.encode(name);
  }

  private static ObjectNode op(ArrayNode operations, String method, String path) {
    return operations.addObject().put("method", method).put("path", path);
  }

  private static Reply post(Object body) {
    return gateway
        .scim()
        .post("/nipc/extensions/" + device + "/bulk", body.toString(), "Content-Type", JSON);
  }

  /** Posts the bulk, follows its status to the 303 and returns the results it points to. */
  private static JsonNode run(ObjectNode body) {
    Reply started = post(body);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String status = started.header("Location");
    assertThat(status).startsWith("/nipc/extensions/" + device + "/bulk/status?instanceId=");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Reply reply = gateway.scim().get(status);
      if (reply.status() == 303) {
        assertThat(reply.json().path("status").asText()).isEqualTo("COMPLETED");
        Reply results = gateway.scim().get(reply.header("Location"));
        assertThat(results.status()).isEqualTo(200);
        return results.json();
      }
      assertThat(reply.status()).as(reply.text()).isEqualTo(200);
      assertThat(reply.json().path("status").asText()).isEqualTo("IN_PROGRESS");
      assertThat(Instant.now()).as("bulk still running").isBefore(deadline);
      pause();
    }
  }

  /** Waits as the status answer's Retry-After asks a client to (shortened): this is polling. */
  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void a_hundred_mixed_operations_answer_in_order_and_the_one_failure_is_reported() {
    ObjectNode body = ScimClient.JSON.createObjectNode();
    ArrayNode operations = body.putArray("operations");
    for (int i = 0; i < 33; i++) {
      String value = java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) i});
      op(operations, "PUT", properties(device, LEVEL)).putObject("data").put("value", value);
      op(operations, "GET", "/nipc" + properties(device, LEVEL));
      op(
              operations,
              "POST",
              "/devices/" + device + "/actions/?actionName=" + ScimClient.encode(RESET))
          .putObject("data")
          .put("value", "AQ==");
    }
    op(operations, "GET", properties(device, SECRET));
    JsonNode results = run(body);
    JsonNode items = results.path("operations");
    assertThat(items).hasSize(100);
    for (int i = 0; i < 33; i++) {
      assertThat(items.get(3 * i).path("method").asText()).isEqualTo("PUT");
      assertThat(items.get(3 * i).path("response").path("status").asInt()).isEqualTo(200);
      assertThat(items.get(3 * i + 1).path("response").path("value").asText())
          .isEqualTo(java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) i}));
      assertThat(items.get(3 * i + 2).path("response").path("status").asInt()).isEqualTo(200);
    }
    assertThat(items.get(99).path("path").asText()).isEqualTo(properties(device, SECRET));
    assertThat(items.get(99).path("response").path("type").asText())
        .isEqualTo(PROBLEM + "property-not-readable");
    assertThat(gateway.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void the_results_of_a_finished_bulk_are_posted_to_its_callback() {
    ObjectNode body = ScimClient.JSON.createObjectNode();
    body.putObject("callback").put("url", RECEIVER.url());
    ArrayNode operations = body.putArray("operations");
    op(operations, "PUT", properties(device, LEVEL)).putObject("data").put("value", "DA==");
    op(operations, "GET", properties(device, LEVEL));
    Reply started = post(body);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String location = started.header("Location");
    String instanceId = location.substring(location.indexOf("instanceId=") + 11);

    io.vertx.core.json.JsonObject callback = RECEIVER.of(instanceId).body();

    // Extension-Bulk.yaml gives the callback and the result the same schema: the instance as id.
    assertThat(callback.getString("id")).isEqualTo(instanceId);
    assertThat(callback.getString("instanceId")).isEqualTo(instanceId);
    assertThat(callback.getJsonArray("operations")).hasSize(2);
    assertThat(
            callback
                .getJsonArray("operations")
                .getJsonObject(1)
                .getJsonObject("response")
                .getString("value"))
        .isEqualTo("DA==");
  }

  @Test
  void a_callback_the_gateway_must_not_call_is_refused_before_anything_runs() {
    ObjectNode body = ScimClient.JSON.createObjectNode();
    body.putObject("callback").put("url", "ftp://127.0.0.1/results");
    op(body.putArray("operations"), "GET", properties(device, LEVEL));

    Reply refused = post(body);

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
  }

  @Test
  void operations_after_a_failure_are_not_executed() {
    ObjectNode body = ScimClient.JSON.createObjectNode();
    ArrayNode operations = body.putArray("operations");
    op(operations, "PUT", properties(device, LEVEL)).putObject("data").put("value", "Bw==");
    op(operations, "GET", properties(device, SECRET));
    op(operations, "PUT", properties(device, LEVEL)).putObject("data").put("value", "CA==");
    op(operations, "GET", properties(device, LEVEL));
    JsonNode items = run(body).path("operations");
    assertThat(items).hasSize(4);
    assertThat(items.get(1).path("response").path("type").asText())
        .isEqualTo(PROBLEM + "property-not-readable");
    for (int i = 2; i < 4; i++) {
      assertThat(items.get(i).path("response").path("type").asText())
          .isEqualTo(PROBLEM + "extension-operation-not-executed");
      // The status of Extension-Bulk.yaml's errorBulkResponse example.
      assertThat(items.get(i).path("response").path("status").asInt()).isEqualTo(400);
    }
    // The third operation did not run: the level is still what the first wrote.
    JsonNode level = gateway.scim().get("/nipc" + properties(device, LEVEL)).json();
    assertThat(level.get(0).path("value").asText()).isEqualTo("Bw==");
  }

  private static String conditionalRead(String id, String name) {
    return "/extensions/"
        + id
        + "/properties/read/conditional?propertyName="
        + ScimClient.encode(name);
  }

  @Test
  void a_conditional_read_in_a_bulk_answers_the_matching_value_as_the_bulk_example_shows() {
    ObjectNode body = ScimClient.JSON.createObjectNode();
    ArrayNode operations = body.putArray("operations");
    op(operations, "PUT", properties(device, LEVEL)).putObject("data").put("value", "Iw==");
    op(operations, "POST", conditionalRead(device, LEVEL))
        .putObject("data")
        .put("value", "Iw==")
        .put("maxRepeat", 5)
        .put("retryTime", 1);
    op(operations, "GET", properties(device, LEVEL));
    JsonNode items = run(body).path("operations");
    assertThat(items).hasSize(3);
    assertThat(items.get(1).path("method").asText()).isEqualTo("POST");
    assertThat(items.get(1).path("path").asText()).isEqualTo(conditionalRead(device, LEVEL));
    assertThat(items.get(1).path("response").toString()).isEqualTo("{\"value\":\"Iw==\"}");
    assertThat(items.get(2).path("response").path("value").asText()).isEqualTo("Iw==");
  }

  @Test
  void a_conditional_read_that_never_matches_fails_its_step_and_the_rest_are_not_executed() {
    ObjectNode body = ScimClient.JSON.createObjectNode();
    ArrayNode operations = body.putArray("operations");
    op(operations, "PUT", properties(device, LEVEL)).putObject("data").put("value", "JQ==");
    op(operations, "POST", conditionalRead(device, LEVEL))
        .putObject("data")
        .put("value", "/w==")
        .put("maxRepeat", 2)
        .put("retryTime", 0);
    op(operations, "PUT", properties(device, LEVEL)).putObject("data").put("value", "Jg==");
    JsonNode items = run(body).path("operations");
    assertThat(items).hasSize(3);
    // The standalone conditional read's own failure: 504 after maxRepeat reads.
    assertThat(items.get(1).path("response").path("status").asInt()).isEqualTo(504);
    assertThat(items.get(1).path("response").path("detail").asText()).contains("2 read(s)");
    assertThat(items.get(2).path("response").path("type").asText())
        .isEqualTo(PROBLEM + "extension-operation-not-executed");
    JsonNode level = gateway.scim().get("/nipc" + properties(device, LEVEL)).json();
    assertThat(level.get(0).path("value").asText()).isEqualTo("JQ==");
  }

  @Test
  void a_conditional_read_of_an_unreadable_property_fails_with_property_not_readable() {
    ObjectNode body = ScimClient.JSON.createObjectNode();
    ArrayNode operations = body.putArray("operations");
    op(operations, "POST", conditionalRead(device, SECRET)).putObject("data").put("value", "AA==");
    op(operations, "GET", properties(device, LEVEL));
    JsonNode items = run(body).path("operations");
    assertThat(items.get(0).path("response").path("type").asText())
        .isEqualTo(PROBLEM + "property-not-readable");
    assertThat(items.get(1).path("response").path("type").asText())
        .isEqualTo(PROBLEM + "extension-operation-not-executed");
  }

  @Test
  void a_malformed_conditional_operation_refuses_the_bulk_before_anything_runs() {
    gateway
        .scim()
        .put(
            "/nipc" + properties(device, LEVEL),
            "[{\"property\":\"" + LEVEL + "\",\"value\":\"Kg==\"}]",
            "Content-Type",
            "application/nipc+json");
    String event =
        "/extensions/" + device + "/events/conditional?eventName=" + ScimClient.encode(LEVEL);
    String[][] conditionals = {
      {conditionalRead(device, LEVEL), null},
      {conditionalRead(device, LEVEL), "{\"maxRepeat\":2}"},
      {conditionalRead(device, LEVEL), "{\"value\":\"%\"}"},
      {conditionalRead(device, LEVEL), "{\"value\":\"AA==\",\"maxRepeat\":11}"},
      {conditionalRead(device, LEVEL), "{\"value\":\"AA==\",\"retryTime\":-1}"},
      {conditionalRead(device, LEVEL), "{\"value\":\"AA==\",\"retryTime\":1.5}"},
      {conditionalRead(device, LEVEL), "{\"value\":\"AA==\",\"timeout\":5}"},
      {
        conditionalRead(device, LEVEL),
        "{\"value\":\"AA==\",\"callback\":{\"url\":\"https://127.0.0.1/x\"}}"
      },
      {"/extensions/" + device + "/properties/read/conditional", "{\"value\":\"AA==\"}"},
      {conditionalRead(other, LEVEL), "{\"value\":\"AA==\"}"},
      {event, null},
      {event, "{\"value\":\"AA==\",\"timeout\":0}"},
      {event, "{\"value\":\"AA==\",\"timeout\":3601}"},
      {event, "{\"value\":\"AA==\",\"maxRepeat\":5}"},
      {event, "{\"value\":1}"},
    };
    for (String[] conditional : conditionals) {
      String body =
          "{\"operations\":[{\"method\":\"PUT\",\"path\":\""
              + properties(device, LEVEL)
              + "\",\"data\":{\"value\":\"Kw==\"}},{\"method\":\"POST\",\"path\":\""
              + conditional[0]
              + "\""
              + (conditional[1] == null ? "" : ",\"data\":" + conditional[1])
              + "}]}";
      Reply reply = post(body);
      assertThat(reply.status()).as(body + " -> " + reply.text()).isEqualTo(400);
      assertThat(reply.json().path("detail").asText()).startsWith("operation 2: ");
    }
    JsonNode level = gateway.scim().get("/nipc" + properties(device, LEVEL)).json();
    assertThat(level.get(0).path("value").asText()).isEqualTo("Kg==");
  }

  @Test
  void an_advertisement_triggered_bulk_runs_when_the_device_next_advertises() {
    ObjectNode body = ScimClient.JSON.createObjectNode().put("trigger", "advertisement");
    ArrayNode operations = body.putArray("operations");
    op(operations, "PUT", properties(device, LEVEL)).putObject("data").put("value", "Cg==");
    op(operations, "GET", properties(device, LEVEL));
    JsonNode items = run(body).path("operations");
    assertThat(items.get(0).path("response").path("status").asInt()).isEqualTo(200);
    assertThat(items.get(1).path("response").path("value").asText()).isEqualTo("Cg==");
  }

  @Test
  void an_advertisement_trigger_that_never_comes_leaves_every_operation_not_executed() {
    ObjectNode body = ScimClient.JSON.createObjectNode().put("trigger", "advertisement");
    op(body.putArray("operations"), "GET", properties(silent, LEVEL));
    Reply started =
        gateway
            .scim()
            .post("/nipc/extensions/" + silent + "/bulk", body.toString(), "Content-Type", JSON);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Reply status = gateway.scim().get(started.header("Location"));
    while (status.status() == 200) {
      assertThat(Instant.now()).isBefore(deadline);
      pause();
      status = gateway.scim().get(started.header("Location"));
    }
    JsonNode items = gateway.scim().get(status.header("Location")).json().path("operations");
    assertThat(items.get(0).path("response").path("type").asText())
        .isEqualTo(PROBLEM + "extension-operation-not-executed");
    assertThat(items.get(0).path("response").path("detail").asText()).contains("advertising");
  }

  @Test
  void a_malformed_bulk_is_refused_before_any_operation_runs() {
    gateway
        .scim()
        .put(
            "/nipc" + properties(device, LEVEL),
            "[{\"property\":\"" + LEVEL + "\",\"value\":\"EQ==\"}]",
            "Content-Type",
            "application/nipc+json");
    String write =
        "{\"method\":\"PUT\",\"path\":\""
            + properties(device, LEVEL)
            + "\",\"data\":{\"value\":\"Eg==\"}}";
    String[] bodies = {
      "{}",
      "{\"operations\":[]}",
      "{\"operations\":["
          + write
          + ",{\"method\":\"DELETE\",\"path\":\""
          + properties(device, LEVEL)
          + "\"}]}",
      "{\"operations\":["
          + write
          + ",{\"method\":\"GET\",\"path\":\""
          + properties(other, LEVEL)
          + "\"}]}",
      "{\"operations\":["
          + write
          + ",{\"method\":\"GET\",\"path\":\"/devices/"
          + device
          + "/events?eventName=x\"}]}",
      "{\"operations\":["
          + write
          + ",{\"method\":\"PUT\",\"path\":\""
          + properties(device, LEVEL)
          + "\"}]}",
      "{\"operations\":["
          + write
          + ",{\"method\":\"PUT\",\"path\":\""
          + properties(device, LEVEL)
          + "\",\"data\":{\"value\":\"%\"}}]}",
      "{\"operations\":["
          + write
          + ",{\"method\":\"GET\",\"path\":\"/devices/"
          + device
          + "/properties\"}]}",
      "{\"operations\":[" + write + "],\"trigger\":\"tomorrow\"}",
      "{\"operations\":[" + write + "],\"callback\":\"http://x\"}",
    };
    for (String body : bodies) {
      Reply reply = post(body);
      assertThat(reply.status()).as(body + " -> " + reply.text()).isEqualTo(400);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(
            gateway
                .scim()
                .get("/nipc" + properties(device, LEVEL))
                .json()
                .get(0)
                .path("value")
                .asText())
        .isEqualTo("EQ==");
    StringBuilder many = new StringBuilder("{\"operations\":[");
    for (int i = 0; i < 257; i++) {
      many.append(i == 0 ? "" : ",").append(write);
    }
    assertThat(post(many.append("]}")).status()).isEqualTo(413);

    Reply unknown =
        gateway
            .scim()
            .post(
                "/nipc/extensions/00000000-0000-0000-0000-000000000000/bulk",
                "{\"operations\":[" + write + "]}",
                "Content-Type",
                JSON);
    assertThat(unknown.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-id");
    assertThat(
            gateway
                .scim()
                .get("/nipc/extensions/" + device + "/bulk/status?instanceId=nope")
                .status())
        .isEqualTo(404);
    Reply noResult = gateway.scim().get("/nipc/extensions/" + device + "/bulk?instanceId=nope");
    assertThat(noResult.status()).as(noResult.text()).isEqualTo(404);
    assertThat(noResult.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(gateway.scim().get("/nipc/extensions/" + device + "/bulk").status()).isEqualTo(400);
  }
}
