package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.BUTTON_MAC;
import static org.nipcgateway.it.support.DemoGateway.LIGHT_EUI64;
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
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/**
 * A radio that goes down and comes back up gets back what the applications set up, with no API
 * call: GATT notifications and the links they need, Zigbee attribute reporting, and explicit BLE
 * connections. The event status shows the way there ({@code re-establishing}, then {@code active}).
 */
@RadioScenario
class NipcRadioRecoveryTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();
  @Parameter RadioRow row;

  @AfterEach
  void clearFaults() {
    demo.faults().clear();
    Eventually.eventually(
        "the radios are up", () -> demo.client().get("/health/ready").status() == 200);
  }

  @Test
  void gatt_notifications_arrive_over_mqtt_again_after_the_ble_radio_returns() throws Exception {
    try (MosquittoSub sub = subscribe("button/sdfEvent/pressed")) {
      String location = enable(demo.button(), "button", "pressed");
      assertThat(state(location)).isEqualTo("active");
      demo.pressButton("AQ==");
      Eventually.eventually("a press arrived", () -> sub.messages().size() >= 1);

      demo.faults().inject("ble", "*", "radio-down");
      Eventually.eventually("re-establishing", () -> "re-establishing".equals(state(location)));
      Eventually.eventually("the link dropped", () -> demo.devices().bleSlotsInUse() == 0);
      demo.faults().clear();

      Eventually.eventually("active again", () -> "active".equals(state(location)));
      assertThat(demo.devices().bleSlotsInUse()).isEqualTo(1);
      int before = sub.messages().size();
      demo.pressButton("AA==");
      Eventually.eventually(
          "a press after the outage arrived", () -> sub.messages().size() > before);

      assertThat(demo.client().delete(location).status()).isEqualTo(204);
      Eventually.eventually("the link closed", () -> demo.devices().bleSlotsInUse() == 0);
    }
  }

  @Test
  void gatt_notifications_arrive_again_after_the_peripheral_drops_its_link_with_no_api_call()
      throws Exception {
    try (MosquittoSub sub = subscribe("button/sdfEvent/pressed")) {
      String location = enable(demo.button(), "button", "pressed");
      Eventually.eventually("a press arrived", () -> pressArrives(sub, "AQ=="));

      demo.devices().blePeripheralDropsLink(BUTTON_MAC);

      // The radio stayed up: the gateway reconnects on its own and turns notifications on again.
      Eventually.eventually("a press after the drop arrived", () -> pressArrives(sub, "AA=="));
      assertThat(state(location)).isEqualTo("active");
      assertThat(demo.devices().bleSlotsInUse()).isEqualTo(1);
      // every BLE driver shows its adapter's slots in /health
      assertThat(
              new JsonObject(demo.client().get("/health").text())
                  .getJsonObject("checks")
                  .getJsonObject("radios")
                  .getJsonObject("ble")
                  .getJsonObject("connectionSlots")
                  .getInteger("inUse"))
          .isEqualTo(1);
      assertThat(demo.client().delete(location).status()).isEqualTo(204);
      Eventually.eventually("the link closed", () -> demo.devices().bleSlotsInUse() == 0);
    }
  }

  /** Presses the button once; whether a message for it arrives within 300 ms. */
  private static boolean pressArrives(MosquittoSub sub, String value) {
    int before = sub.messages().size();
    demo.pressButton(value);
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(300);
    while (System.nanoTime() < until && sub.messages().size() == before) {
      Thread.onSpinWait();
    }
    return sub.messages().size() > before;
  }

  @Test
  void zigbee_reporting_is_configured_again_after_the_coordinator_returns() throws Exception {
    try (MosquittoSub sub = subscribe("light/sdfEvent/onOffChanged")) {
      String location = enable(demo.light(), "light", "onOffChanged");
      toggleLight();
      Eventually.eventually("a report arrived", () -> sub.messages().size() >= 1);

      demo.faults().inject("zigbee", "*", "radio-down");
      Eventually.eventually("re-establishing", () -> "re-establishing".equals(state(location)));
      // Nodes reset while the coordinator was away: only Configure Reporting sent again helps.
      demo.devices().zigbeeNodesForgetReporting();
      assertThat(onOffReporting()).isFalse();
      demo.faults().clear();

      Eventually.eventually("active again", () -> "active".equals(state(location)));
      assertThat(onOffReporting()).isTrue();
      int before = sub.messages().size();
      toggleLight();
      Eventually.eventually(
          "a report after the outage arrived", () -> sub.messages().size() > before);

      assertThat(demo.client().delete(location).status()).isEqualTo(204);
    }
  }

  @Test
  void an_attempt_that_fails_shows_its_problem_and_is_retried_until_it_holds() {
    String location = enable(demo.button(), "button", "pressed");
    demo.faults().inject("ble", "*", "radio-down");
    Eventually.eventually("re-establishing", () -> "re-establishing".equals(state(location)));
    // The radio returns, but the button refuses notifications until the refusal is cleared; the
    // slow connect lets the refusal be in place before the first attempt asks.
    demo.faults().latency("ble", "connect", 500);
    demo.faults().clear();
    demo.faults().inject("ble", "notifications", "refused");

    Eventually.eventually("the failure shown", () -> state(location).startsWith("failed: "));
    assertThat(state(location)).contains("the device answered");
    demo.faults().clear();
    demo.faults().noLatency("ble");
    Eventually.eventually("active after a retry", () -> "active".equals(state(location)));

    assertThat(demo.client().delete(location).status()).isEqualTo(204);
  }

  @Test
  void an_explicit_ble_connection_is_reopened_after_the_radio_returns() {
    String connection = "/nipc/devices/" + demo.thermometer() + "/connections";
    Reply opened = demo.postJson(connection, new JsonObject());
    assertThat(opened.status()).as(opened.text()).isEqualTo(200);

    demo.faults().inject("ble", "*", "radio-down");
    Eventually.eventually("the link dropped", () -> demo.devices().bleSlotsInUse() == 0);
    // Still the application's connection, though the radio is away.
    assertThat(demo.client().get(connection).status()).isEqualTo(200);
    demo.faults().clear();

    Eventually.eventually("reopened", () -> demo.devices().bleSlotsInUse() == 1);
    assertThat(demo.client().get(connection).status()).isEqualTo(200);
    assertThat(demo.client().delete(connection).status()).isEqualTo(204);
    Eventually.eventually("closed", () -> demo.devices().bleSlotsInUse() == 0);
  }

  private static MosquittoSub subscribe(String event) {
    MosquittoSub sub =
        MosquittoSub.start(
            demo.mqttPort(),
            demo.dataApp(),
            demo.dataAppToken(),
            "data-app/" + demo.dataApp() + "/demo/sdfObject/" + event);
    assertThat(sub.granted()).isEqualTo(1);
    return sub;
  }

  private static String enable(String id, String object, String event) {
    Reply reply = demo.post(path(id, "events", "eventName", name(object, "sdfEvent", event)));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.header("Location");
  }

  private static String state(String location) {
    JsonNode status = demo.client().get(location).json();
    return status.path(0).path("state").asText();
  }

  /** Sets On/Off to both values in turn, so the node sees at least one change to report. */
  private static void toggleLight() {
    demo.devices().zigbeeValueChanges(LIGHT_EUI64, 1, 6, 0, "AQ==");
    demo.devices().zigbeeValueChanges(LIGHT_EUI64, 1, 6, 0, "AA==");
  }

  private static boolean onOffReporting() {
    return demo.devices().zigbeeReporting().stream()
        .anyMatch(r -> r.eui64().equalsIgnoreCase(LIGHT_EUI64) && r.cluster() == 6);
  }
}
