package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;
import static org.nipcgateway.it.support.radio.ZigbeeNode.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.CallbackReceiver;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SelfSignedCertificate;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;
import org.nipcgateway.it.support.radio.ZigbeeNode;

/**
 * The File extension: a file served by a local HTTPS server (a certificate made by openssl, which
 * the gateway trusts through {@code nipc.extensions.file.trustedCertificates}) is fetched, checked
 * and written in chunks to a BLE characteristic or a Zigbee attribute. A device that refuses the
 * image in its answer to the last piece is a firmware rollback (the fault injector answers for it).
 */
@RadioScenario
class NipcFileTest {
  private static final String MAC = "2C:54:91:88:C9:B3";
  private static final String MODEL = "https://example.com/ota#/sdfObject/ota";
  private static final String FIRMWARE = MODEL + "/sdfProperty/firmware";
  private static final String VERSION = MODEL + "/sdfProperty/version";
  private static final String EUI64 = "00:0D:6F:00:0A:0B:0F:01";
  private static final String ZIGBEE_MODEL = "https://example.com/zota#/sdfObject/ota";
  private static final String ZIGBEE_IMAGE = ZIGBEE_MODEL + "/sdfProperty/image";

  /** ATT application error 0x80: the firmware characteristic's profile refusing the image. */
  private static final int ATT_APPLICATION_ERROR = 0x80;

  private static final int ZCL_ABORT = 0x95;
  private static final int ZCL_INVALID_IMAGE = 0x96;
  private static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";
  private static final String JSON = "application/json";
  private static final String API_KEY = "fjelk-3dl33f-2wdsd";
  private static final int MAX_BYTES = 1536 * 1024;

  private static final Vertx VERTX = Vertx.vertx();
  private static final SelfSignedCertificate CERT;
  private static final HttpServer FILES;
  private static final byte[] MEGABYTE = pattern(1024 * 1024);
  private static final byte[] SMALL = pattern(16 * 1024 + 5);

  /** Four uint64 pieces for the Zigbee attribute, whose every 8 bytes are a valid value. */
  private static final byte[] ZIGBEE_FILE = pattern(32);

  static {
    try {
      CERT = SelfSignedCertificate.create(Files.createTempDirectory("nipc-file-server"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FILES = serve();
  }

  @RegisterExtension static final CallbackReceiver RECEIVER = CallbackReceiver.start();

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  BlePeripheral.at(
                      MAC,
                      characteristic("FFF0", "FFF1", "AA==", "read", "write"),
                      characteristic("FFF0", "FFF2", "AA==", "read")))
              .withNodes(ZigbeeNode.at(EUI64, attribute(1, 0xFC01, 0, 39, "AAAAAAAAAAA=", true))),
          config ->
              config.moduleSettings(
                  "nipc",
                  new JsonObject()
                      .put(
                          "extensions",
                          new JsonObject()
                              .put("callbackCaFile", RECEIVER.certificate().toString())
                              .put(
                                  "file",
                                  new JsonObject()
                                      .put("trustedCertificates", CERT.cert().toString())
                                      .put("maxBytes", MAX_BYTES)))));

  @Parameter RadioRow row;

  private static String device;
  private static String zigbeeDevice;

  @BeforeParameterizedClassInvocation
  static void registerModelAndDevice() {
    String model =
        "{\"namespace\":{\"o\":\"https://example.com/ota\"},\"defaultNamespace\":\"o\","
            + "\"sdfObject\":{\"ota\":{\"sdfProperty\":{"
            + "\"firmware\":{\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"fff0\",\"characteristicID\":\"fff1\"}}},"
            + "\"version\":{\"writable\":false,\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"fff0\",\"characteristicID\":\"fff2\"}}}"
            + "}}}}";
    ScimClient scim = gateway.scim();
    assertThat(
            scim.post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    device =
        scim.create("/Devices", Devices.withModel(Devices.bleWithoutPairing("ota", MAC), MODEL))
            .path("id")
            .asText();
    String zigbeeModel =
        "{\"namespace\":{\"z\":\"https://example.com/zota\"},\"defaultNamespace\":\"z\","
            + "\"sdfObject\":{\"ota\":{\"sdfProperty\":{\"image\":{\"sdfProtocolMap\":{\"zigbee\":"
            + "{\"endpointID\":1,\"clusterID\":64513,\"attributeID\":0,\"attributeType\":39}}}}}}}";
    assertThat(
            scim.post(
                    "/nipc/registrations/models",
                    zigbeeModel,
                    "Content-Type",
                    "application/sdf+json")
                .status())
        .isEqualTo(201);
    zigbeeDevice =
        scim.create("/Devices", Devices.withModel(Devices.zigbee("ota node", EUI64), ZIGBEE_MODEL))
            .path("id")
            .asText();
  }

  @AfterAll
  static void stopServer() throws Exception {
    FILES.close().await(10, TimeUnit.SECONDS);
    VERTX.close().await(10, TimeUnit.SECONDS);
  }

  /** The file server: files by path; {@code /keyed.bin} only with the API key header. */
  private static HttpServer serve() {
    HttpServerOptions options = CERT.serverOptions().setHost("127.0.0.1").setPort(0);
    try {
      return VERTX
          .createHttpServer(options)
          .requestHandler(
              request -> {
                byte[] body =
                    switch (request.path()) {
                      case "/firmware.bin" -> MEGABYTE;
                      case "/small.bin" -> SMALL;
                      case "/zigbee.bin" -> ZIGBEE_FILE;
                      case "/keyed.bin" ->
                          API_KEY.equals(request.getHeader("x-api-key")) ? SMALL : null;
                      case "/huge.bin" -> new byte[MAX_BYTES + 1];
                      default -> null;
                    };
                if (body == null) {
                  request.response().setStatusCode(404).end();
                } else {
                  request.response().end(Buffer.buffer(body));
                }
              })
          .listen()
          .await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("file server did not start", e);
    }
  }

  private static String url(String path) {
    return "https://127.0.0.1:" + FILES.actualPort() + path;
  }

  private static byte[] pattern(int n) {
    byte[] value = new byte[n];
    for (int i = 0; i < n; i++) {
      value[i] = (byte) (i * 31 + i / 256);
    }
    return value;
  }

  private static String sha256(byte[] value) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
  }

  private static String filePath(String id, String property) {
    return "/nipc/extensions/"
        + id
        + "/properties/file?propertyName="
        + ScimClient.encode(property);
  }

  private static Reply put(String property, JsonObject body) {
    return put(device, property, body);
  }

  private static Reply put(String id, String property, JsonObject body) {
    return gateway.scim().put(filePath(id, property), body.encode(), "Content-Type", JSON);
  }

  /** Follows a started write's status to its 303 and answers the outcome it points to. */
  private static Reply outcome(Reply started) {
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    assertThat(started.header("Retry-After")).isNotNull();
    String status = started.header("Location");
    assertThat(status).matches("/nipc/extensions/[^/]+/properties/file/status\\?.*");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (true) {
      Reply reply = gateway.scim().get(status);
      if (reply.status() == 303) {
        assertThat(reply.json().path("status").asText()).isEqualTo("COMPLETED");
        return gateway.scim().get(reply.header("Location"));
      }
      assertThat(reply.status()).as(reply.text()).isEqualTo(200);
      assertThat(reply.json().path("status").asText()).isEqualTo("IN_PROGRESS");
      assertThat(Instant.now()).as("file write still running").isBefore(deadline);
      try {
        Thread.sleep(50); // a client polling as Retry-After tells it to, only faster
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private int writesSoFar() {
    return gateway.devices().bleWrites(MAC, "FFF0", "FFF1").map(List::size).orElse(0);
  }

  @Test
  void a_file_is_fetched_checked_and_written_in_chunks_byte_for_byte() throws Exception {
    // A megabyte where the simulator holds the characteristic; the BlueZ look-alike is slower.
    boolean simulated = row.driver("ble").equals("simulated");
    byte[] file = simulated ? MEGABYTE : SMALL;
    int before = writesSoFar();
    Reply done =
        outcome(
            put(
                FIRMWARE,
                new JsonObject()
                    .put("fileURL", url(simulated ? "/firmware.bin" : "/small.bin"))
                    .put("chunkSize", 512)
                    .put("sha256Checksum", sha256(file))));
    assertThat(done.status()).as(done.text()).isEqualTo(204);
    gateway
        .devices()
        .bleWrites(MAC, "FFF0", "FFF1")
        .ifPresent(
            writes -> {
              List<String> pieces = writes.subList(before, writes.size());
              assertThat(pieces).hasSize((file.length + 511) / 512);
              ByteArrayOutputStream joined = new ByteArrayOutputStream();
              pieces.forEach(p -> joined.writeBytes(Base64.getDecoder().decode(p)));
              assertThat(joined.toByteArray()).isEqualTo(file);
            });
    assertThat(gateway.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void the_outcome_of_a_write_and_of_a_failed_checksum_is_posted_to_the_callback() {
    JsonObject callback = new JsonObject().put("url", RECEIVER.url());
    Reply written =
        put(FIRMWARE, new JsonObject().put("fileURL", url("/small.bin")).put("callback", callback));
    String ok = instanceId(written);
    assertThat(outcome(written).status()).isEqualTo(204);
    Reply refused =
        put(
            FIRMWARE,
            new JsonObject()
                .put("fileURL", url("/small.bin"))
                .put("sha256Checksum", "ab".repeat(32))
                .put("callback", callback));
    String failed = instanceId(refused);
    assertThat(outcome(refused).status()).isEqualTo(502);

    JsonObject success = RECEIVER.of(ok).body();
    // Extension-File.yaml's callback examples carry the instance as id.
    assertThat(success.getString("id")).isEqualTo(ok);
    assertThat(success.getInteger("status")).isEqualTo(204);
    assertThat(success.getString("property")).isEqualTo(FIRMWARE);
    JsonObject failure = RECEIVER.of(failed).body();
    assertThat(failure.getString("type")).isEqualTo(PROBLEM + "extension-firmware-update-failed");
    assertThat(failure.getString("id")).isEqualTo(failed);
  }

  private static String instanceId(Reply started) {
    String location = started.header("Location");
    assertThat(location).as(started.text()).contains("instanceId=");
    return location.substring(location.indexOf("instanceId=") + "instanceId=".length());
  }

  @Test
  void the_request_headers_go_to_the_file_server() {
    Reply done =
        outcome(
            put(
                FIRMWARE,
                new JsonObject()
                    .put("fileURL", url("/keyed.bin"))
                    .put("headers", new JsonObject().put("x-api-key", API_KEY))));
    assertThat(done.status()).as(done.text()).isEqualTo(204);
  }

  @Test
  void a_wrong_checksum_fails_with_the_firmware_problem_and_writes_nothing() {
    int before = writesSoFar();
    Reply done =
        outcome(
            put(
                FIRMWARE,
                new JsonObject()
                    .put("fileURL", url("/small.bin"))
                    .put("sha256Checksum", "ab".repeat(32))));
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.json().path("type").asText())
        .isEqualTo(PROBLEM + "extension-firmware-update-failed");
    assertThat(done.json().path("detail").asText()).contains("SHA-256");
    assertThat(writesSoFar()).isEqualTo(before);
  }

  @Test
  void
      a_missing_file_a_refused_download_and_a_file_over_the_limit_fail_with_the_firmware_problem() {
    int before = writesSoFar();
    for (String path : List.of("/nope.bin", "/keyed.bin", "/huge.bin")) {
      Reply done = outcome(put(FIRMWARE, new JsonObject().put("fileURL", url(path))));
      assertThat(done.status()).as(path).isEqualTo(502);
      assertThat(done.json().path("type").asText())
          .as(path)
          .isEqualTo(PROBLEM + "extension-firmware-update-failed");
    }
    assertThat(writesSoFar()).isEqualTo(before);
  }

  @Test
  void a_chunk_the_device_refuses_to_store_fails_the_write_with_the_firmware_problem() {
    gateway.faults().inject("ble", "write", "refused", 1);
    try {
      Reply done = outcome(put(FIRMWARE, new JsonObject().put("fileURL", url("/small.bin"))));
      assertThat(done.status()).as(done.text()).isEqualTo(502);
      assertThat(done.json().path("type").asText())
          .isEqualTo(PROBLEM + "extension-firmware-update-failed");
      assertThat(done.json().path("detail").asText()).contains("writing the file failed");
    } finally {
      gateway.faults().clear();
    }
  }

  /** A problem answer as RFC 9457 has it, with nothing of the gateway's insides in its detail. */
  private static void assertProblem(Reply done, String type, String title) {
    assertThat(done.status()).as(done.text()).isEqualTo(502);
    assertThat(done.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(done.json().path("type").asText()).isEqualTo(PROBLEM + type);
    assertThat(done.json().path("title").asText()).isEqualTo(title);
    assertThat(done.json().path("status").asInt()).isEqualTo(502);
    assertThat(done.json().path("detail").asText())
        .doesNotContain("Exception", "org.nipcgateway", "\tat ");
  }

  @Test
  void a_device_that_refuses_the_image_in_its_answer_to_the_last_piece_is_a_firmware_rollback()
      throws Exception {
    int pieces = (SMALL.length + 4095) / 4096;
    int before = writesSoFar();
    gateway.faults().refuseOnce("ble", "write", ATT_APPLICATION_ERROR, pieces - 1);
    try {
      Reply started =
          put(
              FIRMWARE,
              new JsonObject()
                  .put("fileURL", url("/small.bin"))
                  .put("chunkSize", 4096)
                  .put("sha256Checksum", sha256(SMALL))
                  .put("callback", new JsonObject().put("url", RECEIVER.url())));
      String instance = instanceId(started);
      Reply done = outcome(started);

      assertProblem(done, "extension-firmware-rollback", "Firmware rollback");
      assertThat(done.json().path("detail").asText())
          .contains("piece " + pieces + " of " + pieces)
          .contains("received all " + SMALL.length + " bytes")
          .contains("refused the image")
          .contains("ATT APPLICATION_ERROR (0x80)")
          .contains("keeps the firmware it had");
      // Every piece but the last reached the device; the last was answered with the refusal.
      gateway
          .devices()
          .bleWrites(MAC, "FFF0", "FFF1")
          .ifPresent(writes -> assertThat(writes.size() - before).isEqualTo(pieces - 1));
      JsonObject callback = RECEIVER.of(instance).body();
      assertThat(callback.getString("type")).isEqualTo(PROBLEM + "extension-firmware-rollback");
      assertThat(callback.getString("id")).isEqualTo(instance);
      assertThat(callback.getString("detail")).contains("refused the image");
      assertThat(gateway.devices().bleSlotsInUse()).isZero();
    } finally {
      gateway.faults().clear();
    }
  }

  @Test
  void an_earlier_piece_refused_or_a_last_piece_merely_not_permitted_is_still_update_failed() {
    JsonObject request = new JsonObject().put("fileURL", url("/small.bin")).put("chunkSize", 4096);
    int pieces = (SMALL.length + 4095) / 4096;
    try {
      gateway.faults().refuseOnce("ble", "write", ATT_APPLICATION_ERROR, 1);
      Reply early = outcome(put(FIRMWARE, request));
      assertProblem(early, "extension-firmware-update-failed", "Firmware update failed");
      assertThat(early.json().path("detail").asText()).contains("piece 2 of " + pieces);

      gateway.faults().clear();
      gateway.faults().refuseOnce("ble", "write", 0x03, pieces - 1); // WRITE_NOT_PERMITTED
      Reply last = outcome(put(FIRMWARE, request));
      assertProblem(last, "extension-firmware-update-failed", "Firmware update failed");
      assertThat(last.json().path("detail").asText())
          .contains("piece " + pieces + " of " + pieces)
          .contains("WRITE_NOT_PERMITTED");
    } finally {
      gateway.faults().clear();
    }
  }

  @Test
  void a_zigbee_node_that_refuses_the_last_piece_with_invalid_image_is_a_firmware_rollback() {
    JsonObject request =
        new JsonObject()
            .put("fileURL", url("/zigbee.bin"))
            .put("chunkSize", 8)
            .put("callback", new JsonObject().put("url", RECEIVER.url()));
    int pieces = ZIGBEE_FILE.length / 8;
    Reply written = outcome(put(zigbeeDevice, ZIGBEE_IMAGE, request));
    assertThat(written.status()).as(written.text()).isEqualTo(204);
    Reply value =
        gateway
            .scim()
            .get(
                "/nipc/devices/"
                    + zigbeeDevice
                    + "/properties?propertyName="
                    + ScimClient.encode(ZIGBEE_IMAGE));
    assertThat(value.text())
        .as("the node holds the last piece")
        .contains(Base64.getEncoder().encodeToString(Arrays.copyOfRange(ZIGBEE_FILE, 24, 32)));
    try {
      gateway.faults().refuseOnce("zigbee", "write", ZCL_INVALID_IMAGE, pieces - 1);
      Reply started = put(zigbeeDevice, ZIGBEE_IMAGE, request);
      String instance = instanceId(started);
      Reply rolledBack = outcome(started);
      assertProblem(rolledBack, "extension-firmware-rollback", "Firmware rollback");
      assertThat(rolledBack.json().path("detail").asText())
          .contains("piece " + pieces + " of " + pieces)
          .contains("ZCL INVALID_IMAGE (0x96)");
      JsonObject callback = RECEIVER.of(instance).body();
      assertThat(callback.getString("type")).isEqualTo(PROBLEM + "extension-firmware-rollback");
      assertThat(callback.getString("id")).isEqualTo(instance);

      gateway.faults().clear();
      gateway.faults().refuseOnce("zigbee", "write", ZCL_ABORT, 1);
      Reply early = outcome(put(zigbeeDevice, ZIGBEE_IMAGE, request));
      assertProblem(early, "extension-firmware-update-failed", "Firmware update failed");
      assertThat(early.json().path("detail").asText())
          .contains("piece 2 of " + pieces)
          .contains("ZCL ABORT (0x95)");
    } finally {
      gateway.faults().clear();
    }
  }

  @Test
  void a_file_url_that_is_not_https_is_an_unsupported_uri_scheme() {
    for (String url :
        List.of("http://127.0.0.1:1/f.bin", "ftp://127.0.0.1/f.bin", "file:///etc/passwd")) {
      Reply reply = put(FIRMWARE, new JsonObject().put("fileURL", url));
      assertThat(reply.status()).as(url).isEqualTo(400);
      assertThat(reply.json().path("type").asText()).isEqualTo(PROBLEM + "unsupported-uri-scheme");
    }
  }

  @Test
  void malformed_file_requests_are_refused_at_once_with_a_4xx_problem() {
    String good = url("/small.bin");
    List<JsonObject> bodies =
        List.of(
            new JsonObject(),
            new JsonObject().put("fileURL", 7),
            new JsonObject().put("fileURL", good).put("chunkSize", 0),
            new JsonObject().put("fileURL", good).put("sha256Checksum", "abc"),
            new JsonObject().put("fileURL", good).put("headers", new JsonObject().put("x", 1)),
            new JsonObject()
                .put("fileURL", good)
                .put("headers", new JsonObject().put("x", "a\r\nb: c")),
            new JsonObject().put("fileURL", good).put("callback", "http://x"));
    for (JsonObject body : bodies) {
      Reply reply = put(FIRMWARE, body);
      assertThat(reply.status()).as(body.encode() + " -> " + reply.text()).isEqualTo(400);
    }
    Reply readOnly = put(VERSION, new JsonObject().put("fileURL", good));
    assertThat(readOnly.json().path("type").asText()).isEqualTo(PROBLEM + "property-not-writable");
    Reply unknown =
        gateway
            .scim()
            .put(
                "/nipc/extensions/00000000-0000-0000-0000-000000000000/properties/file?propertyName="
                    + ScimClient.encode(FIRMWARE),
                new JsonObject().put("fileURL", good).encode(),
                "Content-Type",
                JSON);
    assertThat(unknown.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-id");
    Reply status =
        gateway
            .scim()
            .get(
                "/nipc/extensions/"
                    + device
                    + "/properties/file/status?instanceId=nope&propertyName="
                    + ScimClient.encode(FIRMWARE));
    assertThat(status.status()).isEqualTo(404);
    Reply noResult =
        gateway
            .scim()
            .get(
                "/nipc/extensions/"
                    + device
                    + "/properties/file?instanceId=nope&propertyName="
                    + ScimClient.encode(FIRMWARE));
    assertThat(noResult.status()).as(noResult.text()).isEqualTo(404);
    assertThat(noResult.header("Content-Type")).isEqualTo("application/problem+json");
    Reply noInstance =
        gateway
            .scim()
            .get(
                "/nipc/extensions/"
                    + device
                    + "/properties/file?propertyName="
                    + ScimClient.encode(FIRMWARE));
    assertThat(noInstance.status()).as(noInstance.text()).isEqualTo(400);
  }

  @Test
  void a_bulk_may_write_a_file_and_answers_204_for_it() throws Exception {
    String body =
        "{\"operations\":[{\"method\":\"PUT\",\"path\":\"/extensions/"
            + device
            + "/properties/file?propertyName="
            + ScimClient.encode(FIRMWARE)
            + "\",\"data\":{\"fileURL\":\""
            + url("/small.bin")
            + "\",\"chunkSize\":1024,\"sha256Checksum\":\""
            + sha256(SMALL)
            + "\"}}]}";
    Reply started =
        gateway.scim().post("/nipc/extensions/" + device + "/bulk", body, "Content-Type", JSON);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Reply status = gateway.scim().get(started.header("Location"));
    while (status.status() == 200) {
      assertThat(Instant.now()).isBefore(deadline);
      Thread.sleep(50);
      status = gateway.scim().get(started.header("Location"));
    }
    assertThat(status.status()).isEqualTo(303);
    JsonNode results = gateway.scim().get(status.header("Location")).json();
    assertThat(results.path("operations").get(0).path("response").path("status").asInt())
        .as(results.toString())
        .isEqualTo(204);
  }
}
