package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.GatewayProcess;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/**
 * The packaged gateway on the zsmartsystems driver over the simulated coordinator ({@code
 * --zigbee-driver zsmartsystems --zigbee-dongle simulated}) forms its network and the demo light
 * joins; after a restart on the same data dir the stack resumes the stored network: the light
 * answers with no join at all (the coordinator counts none, joining is never permitted) and its
 * enabled attribute reports arrive over MQTT with no API call.
 */
class ZigbeeNetworkRestartTest {
  private static final String LIGHT_EUI64 = "00:0D:6F:00:0A:0B:0C:01";
  private static final String NS = "https://nipc-gateway.example/demo#/sdfObject/light/";
  private static final String ON_OFF_CHANGED = NS + "sdfEvent/onOffChanged";
  private static final String TEMPERATURE = NS + "sdfProperty/temperature";
  private static final String[] ZSMARTSYSTEMS = {
    "--insecure-http", "--zigbee-driver", "zsmartsystems", "--zigbee-dongle", "simulated"
  };

  @TempDir Path dataDir;

  @Test
  void after_a_restart_the_joined_light_answers_without_rejoining_and_its_reports_arrive() {
    String light;
    String app;
    String token;
    String event;
    try (GatewayProcess gateway = GatewayProcess.onFreePort(dataDir, ZSMARTSYSTEMS)) {
      gateway.port();
      gateway.awaitOutput("Fleet loaded");
      ScimClient scim = gateway.scim();
      assertThat(zigbeeDriver(scim)).isEqualTo("zsmartsystems");
      // A new network: the light joined it (and announced itself) once.
      assertThat(coordinator(scim).path("joins").asLong()).isEqualTo(1);
      light = deviceId(scim);
      JsonNode created = scim.create("/EndpointApps", EndpointApps.of("telemetry", "Restarts"));
      app = created.path("id").asText();
      token = created.path("clientToken").asText();
      Links.group(scim, app, java.util.List.of(light));
      Reply registered =
          post(
              scim,
              "/nipc/registrations/data-apps?dataAppId=" + app,
              new JsonObject()
                  .put("events", new JsonArray().add(new JsonObject().put("event", ON_OFF_CHANGED)))
                  .put("mqttClient", true)
                  .encode());
      assertThat(registered.status()).as(registered.text()).isEqualTo(201);
      Reply enabled =
          post(
              scim,
              "/nipc/devices/" + light + "/events?eventName=" + ScimClient.encode(ON_OFF_CHANGED),
              null);
      assertThat(enabled.status()).as(enabled.text()).isEqualTo(201);
      event = enabled.header("Location");
      assertThat(gateway.terminate()).isNotEqualTo(-1);
    }
    assertThat(dataDir.resolve("zigbee/network.json")).exists();
    assertThat(Files.exists(dataDir.resolve("zigbee/nodes/000D6F000A0B0C01.json"))).isTrue();

    try (GatewayProcess restarted = GatewayProcess.onFreePort(dataDir, ZSMARTSYSTEMS)) {
      restarted.port();
      restarted.awaitOutput("Zigbee network resumed");
      ScimClient scim = restarted.scim();
      Reply read =
          scim.get(
              "/nipc/devices/"
                  + light
                  + "/properties?propertyName="
                  + ScimClient.encode(TEMPERATURE));
      assertThat(read.status()).as(read.text()).isEqualTo(200);
      assertThat(read.json().path(0).path("value").asText()).isEqualTo("Zgg=");

      int mqttPort = scim.get("/streaming").json().path("mqtt").path("port").asInt();
      try (MosquittoSub sub = MosquittoSub.start(mqttPort, app, token, "data-app/" + app + "/#")) {
        assertThat(sub.granted()).isEqualTo(1);
        // The engine restores the enabled event in the background (the node reconfigured).
        Eventually.eventually(
            "the event is active again",
            () -> "active".equals(scim.get(event).json().path(0).path("state").asText()));
        switchLight(scim, (byte) 1);
        Eventually.eventually(
            "the light's report arrived over MQTT",
            () -> sub.messages().stream().anyMatch(m -> m[0].endsWith("onOffChanged")));
      }
      JsonNode coordinator = coordinator(scim);
      assertThat(coordinator.path("joins").asLong()).as("joins after the restart").isZero();
      assertThat(coordinator.path("joinable").asBoolean()).isFalse();
      assertThat(coordinator.path("joined").toString()).contains(LIGHT_EUI64);
      assertThat(scim.get("/radios/zigbee/permit-join").json().path("open").asBoolean()).isFalse();
    }
  }

  /** The light's On/Off attribute changes on the node itself (a wall switch), as base64. */
  private static void switchLight(ScimClient scim, byte on) {
    Reply reply =
        scim.post(
            "/simulator/zigbee/values",
            new JsonObject()
                .put("eui64", LIGHT_EUI64)
                .put("endpoint", 1)
                .put("cluster", 6)
                .put("attribute", 0)
                .put("value", java.util.Base64.getEncoder().encodeToString(new byte[] {on}))
                .encode(),
            "Content-Type",
            "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
  }

  private static JsonNode coordinator(ScimClient scim) {
    return scim.get("/simulator").json().path("zigbee");
  }

  private static String zigbeeDriver(ScimClient scim) {
    return scim.get("/health")
        .json()
        .path("checks")
        .path("radios")
        .path("zigbee")
        .path("driver")
        .asText();
  }

  private static String deviceId(ScimClient scim) {
    return scim.list(
            "/Devices", "filter=" + ScimClient.encode("displayName eq \"Demo Zigbee light\""))
        .path("Resources")
        .path(0)
        .path("id")
        .asText();
  }

  private static Reply post(ScimClient scim, String path, String body) {
    return scim.post(path, body, "Content-Type", "application/nipc+json");
  }
}
