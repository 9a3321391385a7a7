package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SelfSignedCertificate;
import org.nipcgateway.it.support.Specs;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;

/**
 * Extension-Bulk.yaml's firmwareUpgradeRequest, taken from the yaml itself and run on a simulated
 * BLE device whose model has the example's names: startOTA written, the otaStarted event waited for
 * (the peripheral notifies it), the firmware fetched from a local HTTPS server and written in
 * 20-byte chunks, finishOTA written, updateStatus read until it is 1, activateOTA written; the
 * results compared with the yaml's firmwareUpgradeResponse.
 */
@RadioScenario
class NipcBulkFirmwareUpgradeTest {
  private static final String MAC = "2C:54:91:88:C9:C5";
  private static final String EXAMPLE_DEVICE = "1d3b2c36-8a65-45a6-87c1-bcdbe0a32e30";
  private static final String THERMOMETER = "https://example.com/thermometer#/sdfThing/thermometer";
  private static final String JSON = "application/json";
  private static final byte[] FIRMWARE = pattern(1000);

  private static final Vertx VERTX = Vertx.vertx();
  private static final SelfSignedCertificate CERT;
  private static final HttpServer FILES;

  static {
    try {
      CERT = SelfSignedCertificate.create(Files.createTempDirectory("nipc-bulk-firmware"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FILES = serve();
  }

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  BlePeripheral.at(
                      MAC,
                      characteristic("FFF0", "FFF1", "AA==", "write"),
                      characteristic("FFF0", "FFF2", "AA==", "write"),
                      characteristic("FFF0", "FFF3", "AA==", "write"),
                      characteristic("FFF0", "FFF4", "AA==", "read"),
                      characteristic("FFF0", "FFF5", "AA==", "write"),
                      characteristic("FFF0", "FFF6", "AA==", "notify"))),
          config ->
              config.moduleSettings(
                  "nipc",
                  new JsonObject()
                      .put(
                          "extensions",
                          new JsonObject()
                              .put(
                                  "file",
                                  new JsonObject()
                                      .put("trustedCertificates", CERT.cert().toString())))));

  @Parameter RadioRow row;

  private static String device;

  @BeforeParameterizedClassInvocation
  static void registerModelAndDevice() {
    String model =
        "{\"namespace\":{\"t\":\"https://example.com/thermometer\"},\"defaultNamespace\":\"t\","
            + "\"sdfThing\":{\"thermometer\":{\"sdfProperty\":{"
            + property("startOTA", "fff1", "\"readable\":false,")
            + ","
            + property("firmware", "fff2", "\"readable\":false,")
            + ","
            + property("finishOTA", "fff3", "\"readable\":false,")
            + ","
            + property("updateStatus", "fff4", "\"writable\":false,")
            + ","
            + property("activateOTA", "fff5", "\"readable\":false,")
            + "},\"sdfEvent\":{\"otaStarted\":{\"sdfProtocolMap\":{\"ble\":"
            + "{\"type\":\"gatt\",\"serviceID\":\"fff0\",\"characteristicID\":\"fff6\"}}}}}}}";
    ScimClient scim = gateway.scim();
    Reply registered =
        scim.post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json");
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    device =
        scim.create(
                "/Devices", Devices.withModel(Devices.bleWithoutPairing("ota", MAC), THERMOMETER))
            .path("id")
            .asText();
  }

  private static String property(String name, String characteristic, String access) {
    return "\""
        + name
        + "\":{"
        + access
        + "\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"fff0\",\"characteristicID\":\""
        + characteristic
        + "\"}}}";
  }

  @AfterAll
  static void stopServer() throws Exception {
    FILES.close().await(10, TimeUnit.SECONDS);
    VERTX.close().await(10, TimeUnit.SECONDS);
  }

  /** The yaml's example, addressed to our device and our file server. */
  private static JsonNode example(String name) throws Exception {
    JsonNode yaml =
        new ObjectMapper(new YAMLFactory())
            .readTree(
                Specs.root().resolve("nipc/nipc-openapi/extensions/Extension-Bulk.yaml").toFile());
    String text =
        yaml.path("components")
            .path("examples")
            .path(name)
            .path("value")
            .toString()
            .replace(EXAMPLE_DEVICE, device);
    return ScimClient.JSON.readTree(text);
  }

  @Test
  void the_firmware_upgrade_example_runs_end_to_end_and_answers_as_its_response_example()
      throws Exception {
    ObjectNode request = (ObjectNode) example("firmwareUpgradeRequest");
    ObjectNode file = (ObjectNode) request.path("operations").get(2).path("data");
    file.put("fileURL", "https://127.0.0.1:" + FILES.actualPort() + "/firmware.bin");
    file.put("sha256Checksum", sha256(FIRMWARE));
    // The device reports the update as done (updateStatus 1) once finishOTA is written; the
    // simulator cannot react to a write, so the status is there from the start.
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF4", "MQ==");

    Reply started =
        gateway
            .scim()
            .post("/nipc/extensions/" + device + "/bulk", request.toString(), "Content-Type", JSON);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String status = started.header("Location");
    String results = status.replace("/bulk/status?", "/bulk?");

    // The bulk listens for otaStarted from its start, which a client cannot see: the peripheral
    // notifies until the step has its event.
    Eventually.eventually(
        "the bulk saw otaStarted",
        Duration.ofSeconds(30),
        () -> {
          gateway.devices().bleValueChanges(MAC, "FFF0", "FFF6", "MQ==");
          return gateway.scim().get(results).json().path("operations").size() >= 2;
        });
    Eventually.eventually(
        "the bulk finished",
        Duration.ofSeconds(60),
        () -> gateway.scim().get(status).status() == 303);

    JsonNode answered = gateway.scim().get(results).json();
    JsonNode expected = example("firmwareUpgradeResponse").path("operations");
    JsonNode operations = answered.path("operations");
    assertThat(operations).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(operations.get(i).path("method")).isEqualTo(expected.get(i).path("method"));
      assertThat(operations.get(i).path("path")).isEqualTo(expected.get(i).path("path"));
      // The yaml's last result carries its status under 'data', the schema under 'response'.
      JsonNode response =
          expected.get(i).has("response")
              ? expected.get(i).path("response")
              : expected.get(i).path("data");
      assertThat(operations.get(i).path("response")).as("operation " + (i + 1)).isEqualTo(response);
    }
    assertThat(gateway.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void
      a_conditional_event_that_does_not_come_in_time_fails_its_step_and_the_rest_are_not_executed() {
    String body =
        "{\"operations\":[{\"method\":\"POST\",\"path\":\"/extensions/"
            + device
            + "/events/conditional?eventName="
            + ScimClient.encode(THERMOMETER + "/sdfEvent/otaStarted")
            + "\",\"data\":{\"value\":\"Mg==\",\"timeout\":1}},{\"method\":\"PUT\",\"path\":"
            + "\"/devices/"
            + device
            + "/properties?propertyName="
            + ScimClient.encode(THERMOMETER + "/sdfProperty/activateOTA")
            + "\",\"data\":{\"value\":\"AQ==\"}}]}";
    Reply started =
        gateway.scim().post("/nipc/extensions/" + device + "/bulk", body, "Content-Type", JSON);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String status = started.header("Location");
    Eventually.eventually(
        "the bulk finished",
        Duration.ofSeconds(30),
        () -> gateway.scim().get(status).status() == 303);

    JsonNode operations =
        gateway.scim().get(status.replace("/bulk/status?", "/bulk?")).json().path("operations");
    // The standalone conditional event's own failure: 504 once the timeout passed.
    assertThat(operations.get(0).path("response").path("status").asInt()).isEqualTo(504);
    assertThat(operations.get(1).path("response").path("type").asText())
        .isEqualTo(
            "https://www.iana.org/assignments/nipc-problem-types#extension-operation-not-executed");
  }

  private static String path(String collection, String name) {
    String parameter = collection.endsWith("events/conditional") ? "eventName" : "propertyName";
    return collection.replace("{id}", device)
        + "?"
        + parameter
        + "="
        + ScimClient.encode(THERMOMETER + name);
  }

  /** Posts the bulk and answers its status URI. */
  private static String start(String body) {
    Reply started =
        gateway.scim().post("/nipc/extensions/" + device + "/bulk", body, "Content-Type", JSON);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    return started.header("Location");
  }

  private static JsonNode finished(String status) {
    Eventually.eventually(
        "the bulk finished",
        Duration.ofSeconds(60),
        () -> gateway.scim().get(status).status() == 303);
    return gateway.scim().get(status.replace("/bulk/status?", "/bulk?")).json().path("operations");
  }

  @Test
  void an_event_sent_while_an_earlier_operation_runs_completes_the_event_step_when_reached() {
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF4", "AA==");
    ObjectNode body = ScimClient.JSON.createObjectNode();
    var operations = body.putArray("operations");
    startOtaAndAwaitItsStatus(operations);
    otaStarted(operations, 5);
    String status = start(body.toString());
    String results = status.replace("/bulk/status?", "/bulk?");

    // The write answered, so the conditional read runs: the device sends its event once, then
    // the status the read waits for; the event step is reached only after that.
    Eventually.eventually(
        "the bulk wrote startOTA",
        Duration.ofSeconds(30),
        () -> gateway.scim().get(results).json().path("operations").size() >= 1);
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF6", "Aw==");
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF4", "Aw==");

    JsonNode done = finished(status);
    assertThat(done.get(1).path("response").toString()).isEqualTo("{\"value\":\"Aw==\"}");
    assertThat(done.get(2).path("response").toString()).isEqualTo("{\"value\":\"Aw==\"}");
    Eventually.eventually(
        "the bulk let go of otaStarted and its link",
        Duration.ofSeconds(30),
        () -> gateway.devices().bleSlotsInUse() == 0);
  }

  /** startOTA written, then a conditional read until updateStatus says the OTA runs (3). */
  private static void startOtaAndAwaitItsStatus(ArrayNode operations) {
    operations
        .addObject()
        .put("method", "PUT")
        .put("path", path("/devices/{id}/properties", "/sdfProperty/startOTA"))
        .putObject("data")
        .put("value", "AQ==");
    operations
        .addObject()
        .put("method", "POST")
        .put(
            "path",
            path("/extensions/{id}/properties/read/conditional", "/sdfProperty/updateStatus"))
        .putObject("data")
        .put("value", "Aw==")
        .put("maxRepeat", 10)
        .put("retryTime", 1);
  }

  /** Adds an event step waiting for otaStarted with the value 3. */
  private static void otaStarted(ArrayNode operations, int timeoutS) {
    operations
        .addObject()
        .put("method", "POST")
        .put("path", path("/extensions/{id}/events/conditional", "/sdfEvent/otaStarted"))
        .putObject("data")
        .put("value", "Aw==")
        .put("timeout", timeoutS);
  }

  @Test
  void one_event_completes_only_the_first_of_two_steps_waiting_for_it_and_the_second_times_out() {
    ObjectNode body = ScimClient.JSON.createObjectNode();
    var operations = body.putArray("operations");
    operations
        .addObject()
        .put("method", "PUT")
        .put("path", path("/devices/{id}/properties", "/sdfProperty/startOTA"))
        .putObject("data")
        .put("value", "AQ==");
    otaStarted(operations, 30);
    otaStarted(operations, 1);
    String status = start(body.toString());
    Eventually.eventually(
        "the bulk wrote startOTA",
        Duration.ofSeconds(30),
        () ->
            gateway
                    .scim()
                    .get(status.replace("/bulk/status?", "/bulk?"))
                    .json()
                    .path("operations")
                    .size()
                >= 1);
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF6", "Aw==");

    JsonNode done = finished(status);
    assertThat(done.get(1).path("response").toString()).isEqualTo("{\"value\":\"Aw==\"}");
    // The one occurrence went to the first step; the second never saw one of its own.
    assertThat(done.get(2).path("response").path("status").asInt())
        .as(done.get(2).toString())
        .isEqualTo(504);
  }

  @Test
  void each_event_kept_while_an_earlier_operation_runs_completes_one_step_in_step_order() {
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF4", "AA==");
    ObjectNode body = ScimClient.JSON.createObjectNode();
    var operations = body.putArray("operations");
    startOtaAndAwaitItsStatus(operations);
    otaStarted(operations, 5);
    otaStarted(operations, 5);
    otaStarted(operations, 1);
    String status = start(body.toString());
    String results = status.replace("/bulk/status?", "/bulk?");

    // Two occurrences while the conditional read runs, before any event step is reached.
    Eventually.eventually(
        "the bulk wrote startOTA",
        Duration.ofSeconds(30),
        () -> gateway.scim().get(results).json().path("operations").size() >= 1);
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF6", "Aw==");
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF6", "Aw==");
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF4", "Aw==");

    JsonNode done = finished(status);
    assertThat(done.get(2).path("response").toString()).isEqualTo("{\"value\":\"Aw==\"}");
    assertThat(done.get(3).path("response").toString()).isEqualTo("{\"value\":\"Aw==\"}");
    assertThat(done.get(4).path("response").path("status").asInt())
        .as(done.get(4).toString())
        .isEqualTo(504);
    Eventually.eventually(
        "the bulk let go of otaStarted and its link",
        Duration.ofSeconds(30),
        () -> gateway.devices().bleSlotsInUse() == 0);
  }

  @Test
  void a_bulk_that_fails_before_its_event_step_holds_no_subscription_once_it_ended() {
    gateway.devices().bleValueChanges(MAC, "FFF0", "FFF4", "AA==");
    ObjectNode body = ScimClient.JSON.createObjectNode();
    var operations = body.putArray("operations");
    operations
        .addObject()
        .put("method", "POST")
        .put(
            "path",
            path("/extensions/{id}/properties/read/conditional", "/sdfProperty/updateStatus"))
        .putObject("data")
        .put("value", "/w==")
        .put("maxRepeat", 1)
        .put("retryTime", 0);
    operations
        .addObject()
        .put("method", "POST")
        .put("path", path("/extensions/{id}/events/conditional", "/sdfEvent/otaStarted"))
        .putObject("data")
        .put("value", "Aw==")
        .put("timeout", 60);

    JsonNode done = finished(start(body.toString()));
    assertThat(done.get(0).path("response").path("status").asInt()).isEqualTo(504);
    assertThat(done.get(1).path("response").path("type").asText())
        .endsWith("#extension-operation-not-executed");
    // The event step listened from the bulk's start; its subscription held the device's link.
    Eventually.eventually(
        "the bulk let go of otaStarted and its link",
        Duration.ofSeconds(30),
        () -> gateway.devices().bleSlotsInUse() == 0);
  }

  private static HttpServer serve() {
    HttpServerOptions options = CERT.serverOptions().setHost("127.0.0.1").setPort(0);
    try {
      return VERTX
          .createHttpServer(options)
          .requestHandler(
              request -> {
                if (request.path().equals("/firmware.bin")) {
                  request.response().end(Buffer.buffer(FIRMWARE));
                } else {
                  request.response().setStatusCode(404).end();
                }
              })
          .listen()
          .await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("file server did not start", e);
    }
  }

  private static byte[] pattern(int n) {
    byte[] value = new byte[n];
    for (int i = 0; i < n; i++) {
      value[i] = (byte) (i * 7 + 3);
    }
    return value;
  }

  private static String sha256(byte[] value) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
  }
}
