package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.LIGHT_EUI64;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.CborCheck;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/**
 * Enabled events reach data apps over the embedded MQTT broker: Debian's mosquitto_sub receives
 * them as CBOR DataBatches, which Debian's python3-cbor2 decodes and checks against the CDDL. Data
 * apps authenticate with their client token and see only their own topics.
 */
@RadioScenario
class NipcMqttStreamingTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();
  @Parameter RadioRow row;

  private static String topicRoot() {
    return "data-app/" + demo.dataApp() + "/";
  }

  private static String enable(String id, String object, String event) {
    Reply reply = demo.post(path(id, "events", "eventName", name(object, "sdfEvent", event)));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.header("Location");
  }

  @Test
  void every_kind_of_event_arrives_as_a_cbor_data_batch_on_the_drafts_topic() throws Exception {
    try (MosquittoSub sub =
        MosquittoSub.start(
            demo.mqttPort(), demo.dataApp(), demo.dataAppToken(), topicRoot() + "#")) {
      assertThat(sub.granted()).isEqualTo(1);

      String pressed = enable(demo.button(), "button", "pressed");
      String present = enable(demo.thermometer(), "thermometer", "isPresent");
      String connected = enable(demo.thermometer(), "thermometer", "isConnected");
      String onOff = enable(demo.light(), "light", "onOffChanged");
      demo.pressButton("AQ==");
      demo.property(demo.thermometer(), "thermometer", "temperatureType"); // connects, disconnects
      demo.devices().zigbeeValueChanges(LIGHT_EUI64, 1, 6, 0, "AQ==");

      Eventually.eventually(
          "a message on each event's topic arrived",
          () -> sub.messages().stream().map(m -> m[0]).distinct().count() >= 4);
      List<String[]> messages = sub.messages();
      assertThat(messages.stream().map(m -> m[0]))
          .contains(
              topicRoot() + "demo/sdfObject/button/sdfEvent/pressed",
              topicRoot() + "demo/sdfObject/thermometer/sdfEvent/isPresent",
              topicRoot() + "demo/sdfObject/thermometer/sdfEvent/isConnected",
              topicRoot() + "demo/sdfObject/light/sdfEvent/onOffChanged");

      JsonNode items = CborCheck.decode(messages.stream().map(m -> m[1]).toList());
      assertThat(items.findValuesAsText("kind"))
          .contains(
              "bleSubscription", "bleAdvertisement", "bleConnectionStatus", "zigbeeSubscription");
      for (JsonNode item : items) {
        switch (item.path("kind").asText()) {
          case "bleSubscription" -> {
            assertThat(item.path("deviceID").asText()).isEqualTo(demo.button());
            assertThat(item.at("/bleSubscription/characteristicID").asText())
                .isEqualTo("0000ffe1-0000-1000-8000-00805f9b34fb");
          }
          case "bleAdvertisement" -> {
            assertThat(item.path("deviceID").asText()).isEqualTo(demo.thermometer());
            assertThat(item.at("/bleAdvertisement/rssi").asInt()).isEqualTo(-58);
          }
          case "bleConnectionStatus" -> {
            assertThat(item.path("hasData").asBoolean()).isFalse();
            assertThat(item.at("/bleConnectionStatus/macAddress").asText())
                .isEqualTo(DemoGateway.THERMOMETER_MAC);
          }
          default -> {
            assertThat(item.path("deviceID").asText()).isEqualTo(demo.light());
            assertThat(item.at("/zigbeeSubscription/attributeType").asInt()).isEqualTo(16);
          }
        }
      }
      // The read connected and disconnected: both changes, in one batch or two.
      Eventually.eventually(
          "the disconnection arrived too",
          () -> {
            try {
              return CborCheck.decode(sub.messages().stream().map(m -> m[1]).toList())
                      .findValuesAsText("kind")
                      .stream()
                      .filter("bleConnectionStatus"::equals)
                      .count()
                  >= 2;
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
      for (String location : List.of(pressed, present, connected, onOff)) {
        assertThat(demo.client().delete(location).status()).isEqualTo(204);
      }
    }
    JsonNode stats = demo.client().get("/streaming").json().path("dataApps").path(demo.dataApp());
    assertThat(stats.path("delivered").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(stats.path("droppedQueueFull").asLong()).isZero();
  }

  @Test
  void a_wrong_token_is_refused_and_another_apps_topics_are_off_limits() throws IOException {
    try (MosquittoSub wrong =
        MosquittoSub.start(demo.mqttPort(), demo.dataApp(), "not-the-token", topicRoot() + "#")) {
      assertThat(wrong.exited()).contains("Connection Refused").doesNotContain("exit 0");
    }

    // A second telemetry app may connect, but not read the first app's topics, not even by
    // wildcard.
    JsonNode other = demo.telemetryApp("Other telemetry");
    String otherId = other.path("id").asText();
    String otherToken = other.path("clientToken").asText();
    for (String filter : List.of(topicRoot() + "#", "data-app/+/#", "#")) {
      try (MosquittoSub sub = MosquittoSub.start(demo.mqttPort(), otherId, otherToken, filter)) {
        assertThat(sub.granted()).as(filter).isEqualTo(128);
      }
    }
    try (MosquittoSub own =
        MosquittoSub.start(demo.mqttPort(), otherId, otherToken, "data-app/" + otherId + "/#")) {
      assertThat(own.granted()).isEqualTo(1);
    }
  }

  @Test
  void deleting_a_telemetry_app_ends_its_live_mqtt_session() {
    JsonNode app = demo.telemetryApp("Short-lived telemetry");
    String id = app.path("id").asText();
    try (MosquittoSub sub =
        MosquittoSub.start(
            demo.mqttPort(), id, app.path("clientToken").asText(), "data-app/" + id + "/#")) {
      assertThat(sub.granted()).isEqualTo(1);

      assertThat(demo.client().delete("/scim/v2/EndpointApps/" + id).status()).isEqualTo(204);

      // mosquitto_sub reconnects when its session ends; the deleted app's login is refused.
      assertThat(sub.exited()).contains("Connection Refused").doesNotContain("exit 0");
    }
  }

  @Test
  void a_data_app_not_linked_to_a_device_receives_none_of_its_events() {
    String unlinked =
        demo.client()
            .create("/EndpointApps", EndpointApps.of("telemetry", "Unlinked telemetry"))
            .path("id")
            .asText();
    Reply registered =
        demo.postJson(
            "/nipc/registrations/data-apps?dataAppId=" + unlinked,
            new JsonObject()
                .put(
                    "events",
                    new io.vertx.core.json.JsonArray()
                        .add(new JsonObject().put("event", name("button", "sdfEvent", "pressed"))))
                .put("mqttClient", true));
    assertThat(registered.status()).isEqualTo(201);
    String pressed = enable(demo.button(), "button", "pressed");
    demo.pressButton("Ag==");
    Eventually.eventually(
        "the linked demo app got the press and the unlinked app's copy was withheld",
        () -> {
          JsonNode apps = demo.client().get("/streaming").json().path("dataApps");
          return apps.path(unlinked).path("withheldNotLinked").asLong() >= 1;
        });
    JsonNode stats = demo.client().get("/streaming").json().path("dataApps").path(unlinked);
    assertThat(stats.path("delivered").asLong()).isZero();
    assertThat(demo.client().delete(pressed).status()).isEqualTo(204);
  }

  @Test
  void a_control_app_has_no_data_role_and_cannot_log_in_to_the_broker() throws IOException {
    JsonNode control =
        demo.client().create("/EndpointApps", EndpointApps.of("deviceControl", "Controller"));
    String id = control.path("id").asText();
    try (MosquittoSub sub =
        MosquittoSub.start(
            demo.mqttPort(), id, control.path("clientToken").asText(), "data-app/" + id + "/#")) {
      assertThat(sub.exited()).contains("Connection Refused").doesNotContain("exit 0");
    }
  }
}
