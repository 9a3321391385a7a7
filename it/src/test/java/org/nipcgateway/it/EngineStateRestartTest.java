package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.GatewayProcess;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/**
 * What applications set up survives the packaged gateway being killed ({@code kill -9}) or stopped
 * ({@code SIGTERM}): the same event and trigger instance ids answer after the restart, GATT
 * notifications and Zigbee reports arrive again with no API call (the simulated radios start empty,
 * so the engine must set them up again), the trigger fires, and action runs are readable.
 */
class EngineStateRestartTest {
  private static final String NS = "https://nipc-gateway.example/demo#/sdfObject/";
  private static final String PRESSED = NS + "button/sdfEvent/pressed";
  private static final String ON_OFF_CHANGED = NS + "light/sdfEvent/onOffChanged";

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kill -9", "SIGTERM"})
  void events_triggers_and_action_runs_are_back_after_a_restart(String stop) {
    String button;
    String light;
    String app;
    String token;
    String pressed;
    String onOff;
    String trigger;
    String completedRun;
    String interruptedRun;
    try (GatewayProcess gateway = GatewayProcess.onFreePort(dataDir, "--insecure-http")) {
      gateway.port();
      gateway.awaitOutput("Fleet loaded");
      ScimClient scim = gateway.scim();
      button = deviceId(scim, "Demo BLE button");
      light = deviceId(scim, "Demo Zigbee light");
      JsonNode created = scim.create("/EndpointApps", EndpointApps.of("telemetry", "Restarts"));
      app = created.path("id").asText();
      token = created.path("clientToken").asText();
      Links.group(scim, app, List.of(button, light));
      JsonArray events =
          new JsonArray()
              .add(new JsonObject().put("event", PRESSED))
              .add(new JsonObject().put("event", ON_OFF_CHANGED));
      assertThat(
              post(
                      scim,
                      "/nipc/registrations/data-apps?dataAppId=" + app,
                      new JsonObject().put("events", events).put("mqttClient", true).encode())
                  .status())
          .isEqualTo(201);

      pressed = created(post(scim, path(button, "events", "eventName", PRESSED), null));
      onOff = created(post(scim, path(light, "events", "eventName", ON_OFF_CHANGED), null));
      String action =
          "/nipc/devices/" + light + "/actions?actionName=" + enc(NS + "light/sdfAction/toggle");
      trigger =
          created(
              post(
                  scim,
                  path(button, "triggers", "eventName", PRESSED),
                  new JsonObject().put("action", action).encode()));
      completedRun = accepted(post(scim, action, null));
      Eventually.eventually(
          "the toggle completed", () -> scim.get(completedRun).text().contains("COMPLETED"));
      // A long action: the light's commands are held back, and the gateway stops meanwhile.
      latency(scim, 5000);
      interruptedRun =
          accepted(
              post(
                  scim,
                  "/nipc/devices/"
                      + light
                      + "/actions?actionName="
                      + enc(NS + "light/sdfAction/on"),
                  null));
      if (stop.equals("kill -9")) {
        gateway.kill();
      } else {
        assertThat(gateway.terminate()).isNotEqualTo(-1);
      }
    }

    try (GatewayProcess restarted = GatewayProcess.onFreePort(dataDir, "--insecure-http")) {
      restarted.port();
      ScimClient scim = restarted.scim();
      for (String location : List.of(pressed, onOff, trigger)) {
        Eventually.eventually(
            location + " active again",
            () -> "active".equals(scim.get(location).json().path(0).path("state").asText()));
        assertThat(scim.get(location).json().path(0).path("instanceId").asText())
            .isEqualTo(location.substring(location.indexOf("instanceId=") + 11));
      }
      assertThat(scim.get(completedRun).json().path("status").asText()).isEqualTo("COMPLETED");
      Reply interrupted = scim.get(interruptedRun);
      assertThat(interrupted.status()).as(interrupted.text()).isEqualTo(503);
      assertThat(interrupted.json().path("detail").asText()).contains("restarted");

      int mqttPort = scim.get("/streaming").json().path("mqtt").path("port").asInt();
      try (MosquittoSub sub = MosquittoSub.start(mqttPort, app, token, "data-app/" + app + "/#")) {
        assertThat(sub.granted()).isEqualTo(1);
        // No API call: the peripheral notifies, the trigger toggles the light, the light reports.
        simulate(scim, "/simulator/ble/values", buttonPress());
        Eventually.eventually(
            "the press and the light's report arrived",
            () ->
                arrived(sub, t -> t.endsWith("button/sdfEvent/pressed"))
                    && arrived(sub, t -> t.endsWith("light/sdfEvent/onOffChanged")));
      }
    }
  }

  private static boolean arrived(MosquittoSub sub, Predicate<String> topic) {
    return sub.messages().stream().anyMatch(m -> topic.test(m[0]));
  }

  private static JsonObject buttonPress() {
    return new JsonObject()
        .put("mac", "C0:FF:EE:00:00:B1")
        .put("service", "FFE0")
        .put("characteristic", "FFE1")
        .put("value", "AQ==");
  }

  private static void latency(ScimClient scim, long ms) {
    Reply reply =
        scim.send(
            "PUT",
            "/simulator/latency",
            new JsonObject()
                .put("radio", "zigbee")
                .put("operation", "command")
                .put("ms", ms)
                .encode(),
            "Content-Type",
            "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
  }

  private static void simulate(ScimClient scim, String path, JsonObject body) {
    Reply reply = scim.post(path, body.encode(), "Content-Type", "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
  }

  private static String deviceId(ScimClient scim, String name) {
    return scim.list("/Devices", "filter=" + enc("displayName eq \"" + name + "\""))
        .path("Resources")
        .path(0)
        .path("id")
        .asText();
  }

  private static Reply post(ScimClient scim, String path, String body) {
    return scim.post(path, body, "Content-Type", "application/nipc+json");
  }

  private static String created(Reply reply) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.header("Location");
  }

  private static String accepted(Reply reply) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(202);
    return reply.header("Location");
  }

  private static String path(String id, String operation, String parameter, String name) {
    return "/nipc/devices/" + id + "/" + operation + "?" + parameter + "=" + enc(name);
  }

  private static String enc(String value) {
    return ScimClient.encode(value);
  }
}
