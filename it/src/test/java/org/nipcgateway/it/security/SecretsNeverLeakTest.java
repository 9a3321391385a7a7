package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.GatewayProcess;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/**
 * Every kind of secret the gateway is given — pairing keys, IRKs, DPP bootstrap keys, FDO vouchers,
 * client and operator tokens, broker passwords, webhook headers — goes through create, read, list,
 * search, replace, patch, failure and denial paths of the packaged gateway running at DEBUG.
 * Afterwards not one of them appears in any response, in the log (audit included), or in any file
 * of the data dir.
 */
class SecretsNeverLeakTest {
  private static final String PASSKEY = "918273";
  private static final String OOB_KEY = "oob-secret-Qx7Lm2";
  private static final String IRK = "5e1c2a3b4d5f60718293a4b5c6d7e8f9";
  private static final String BOOTSTRAP =
      "MDkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDIgADleakCheckBootstrapKey0000000=";
  private static final String VOUCHER = "voucher-secret-Zk81Qp";
  private static final String BROKER_PASSWORD = "broker-secret-Hy62Vc";
  private static final String WEBHOOK_HEADER = "Bearer webhook-secret-Nn30Ds";
  private static final String EXT = "urn:ietf:params:scim:schemas:extension:";

  @TempDir Path dir;

  @Test
  void no_fixture_secret_appears_in_responses_logs_or_data_files() throws Exception {
    Path data = dir.resolve("data");
    List<String> secrets =
        new ArrayList<>(
            List.of(PASSKEY, OOB_KEY, IRK, BOOTSTRAP, VOUCHER, BROKER_PASSWORD, WEBHOOK_HEADER));
    StringBuilder responses = new StringBuilder();
    try (GatewayProcess gateway =
        GatewayProcess.onFreePort(data, "--no-demo", "--log-level", "DEBUG")) {
      ScimClient scim = gateway.scim();
      secrets.add(scim.token());

      ObjectNode device = Devices.ble("Leak check", 77);
      ObjectNode ble = (ObjectNode) device.get(Devices.BLE);
      ble.put("isRandom", true).put("irk", IRK);
      ble.putArray("pairingMethods").add(Devices.PASS_KEY).add(EXT + "pairingOOB:2.0:Device");
      ble.putObject(Devices.PASS_KEY).put("key", Integer.parseInt(PASSKEY));
      ble.putObject(EXT + "pairingOOB:2.0:Device").put("key", OOB_KEY).put("randomNumber", 4242);
      device.withArray("schemas").add(Devices.DPP);
      device.putObject(Devices.DPP).put("dppVersion", 2).put("bootstrapKey", BOOTSTRAP);
      String fdo = EXT + "fido-device-onboard:2.0:Devices";
      device.withArray("schemas").add(fdo);
      device.putObject(fdo).put("fdoVoucher", VOUCHER);

      Reply created = record(responses, scim.post("/scim/v2/Devices", device));
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      String id = created.json().path("id").asText();
      record(responses, scim.get("/scim/v2/Devices/" + id));
      record(responses, scim.get("/scim/v2/Devices?filter=" + ScimClient.encode("displayName pr")));
      record(
          responses,
          scim.get("/scim/v2/Devices/" + id + "?attributes=" + ScimClient.encode(Devices.BLE)));
      record(
          responses,
          scim.post(
              "/scim/v2/.search",
              "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}"));
      record(responses, scim.put("/scim/v2/Devices/" + id, device));
      record(
          responses,
          scim.patch(
              "/scim/v2/Devices/" + id,
              "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                  + "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"renamed\"}]}"));
      // A refused write that carries secrets: the error must not quote them.
      ObjectNode duplicate = device.deepCopy();
      duplicate.put("displayName", "Duplicate");
      record(responses, scim.post("/scim/v2/Devices", duplicate));

      Reply appCreated =
          scim.post("/scim/v2/EndpointApps", EndpointApps.of("telemetry", "Leak telemetry"));
      // The one response that shows a client token is the one that creates it.
      String clientToken = appCreated.json().path("clientToken").asText();
      assertThat(clientToken).isNotEmpty();
      secrets.add(clientToken);
      String appId = appCreated.json().path("id").asText();
      record(responses, scim.get("/scim/v2/EndpointApps/" + appId));
      record(
          responses,
          scim.send(
              "POST",
              "/nipc/registrations/data-apps?dataAppId=" + appId,
              "{\"events\":[],\"mqttBroker\":{\"URI\":\"mqtt://127.0.0.1:9\",\"username\":\"u\","
                  + "\"password\":\""
                  + BROKER_PASSWORD
                  + "\"}}",
              "Content-Type",
              "application/nipc+json"));
      record(responses, scim.get("/nipc/registrations/data-apps?dataAppId=" + appId));
      record(
          responses,
          scim.send(
              "PUT",
              "/nipc/registrations/data-apps?dataAppId=" + appId,
              "{\"events\":[],\"webhook\":{\"URI\":\"https://127.0.0.1:9/hook\",\"headers\":"
                  + "{\"Authorization\":\""
                  + WEBHOOK_HEADER
                  + "\"}}}",
              "Content-Type",
              "application/nipc+json"));
      record(responses, scim.get("/nipc/registrations/data-apps?dataAppId=" + appId));

      // Denied attempts with tokens one character off, and with the client token over HTTP.
      String almost = scim.token().substring(0, scim.token().length() - 1) + "x";
      record(responses, scim.withToken(almost).get("/scim/v2/Devices"));
      record(responses, scim.withToken(clientToken).get("/scim/v2/Devices"));
      gateway.terminate();
      String log = gateway.output();

      for (String secret : secrets) {
        assertThat(responses.toString()).as("responses").doesNotContain(secret);
        assertThat(log).as("log").doesNotContain(secret);
      }
      try (Stream<Path> files = Files.walk(data)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          for (String secret : secrets) {
            assertThat(content).as(file + " holds a secret").doesNotContain(secret);
          }
        }
      }
      String audit = Files.readString(data.resolve("audit.log"));
      assertThat(audit).contains("\"caller\":\"app:" + appId + "\"", "\"denied\":true");
    }
  }

  private static Reply record(StringBuilder all, Reply reply) {
    all.append(reply.status()).append(' ').append(reply.headers().map()).append(' ');
    all.append(reply.text()).append('\n');
    return reply;
  }
}
