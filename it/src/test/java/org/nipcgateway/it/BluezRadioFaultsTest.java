package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.THERMOMETER_MAC;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.it.support.CborCheck;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.radio.BluezDeviceSide;
import org.nipcgateway.it.support.radio.BluezRow;
import org.nipcgateway.simulators.bluez.BluezLookalike;

/**
 * What only a BlueZ radio does, on the demo over the bluez driver: the adapter leaves the bus in
 * the middle of a read and comes back, and a peripheral drops its link while a GATT event holds it.
 * (The decorator's faults run over this driver in {@code NipcFaultInjectionTest}'s bluez row.)
 */
class BluezRadioFaultsTest {
  private static final long OPERATION_TIMEOUT_MS = 4000;

  @RegisterExtension
  static final DemoGateway demo =
      new DemoGateway(
          new JsonObject().put("operationTimeoutMs", OPERATION_TIMEOUT_MS), new BluezRow());

  private static BluezLookalike lookalike() {
    return ((BluezDeviceSide) demo.devices()).lookalike();
  }

  private static Reply readTemperatureType() {
    return demo.client()
        .get(
            "/nipc/devices/"
                + demo.thermometer()
                + "/properties?propertyName="
                + java.net.URLEncoder.encode(
                    name("thermometer", "sdfProperty", "temperatureType"),
                    java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String bleState() {
    return new JsonObject(demo.client().get("/health").text())
        .getJsonObject("checks")
        .getJsonObject("radios")
        .getJsonObject("ble")
        .getString("state");
  }

  @AfterEach
  void adapterBack() throws Exception {
    lookalike().faults().clear();
    lookalike().returnAdapter();
    lookalike().startBluetoothd();
    Eventually.eventually("the BLE radio is up", () -> "UP".equals(bleState()));
  }

  @Test
  void bluetoothd_restarting_shows_ble_down_then_up_and_a_gatt_event_delivers_again()
      throws Exception {
    try (MosquittoSub sub =
        MosquittoSub.start(
            demo.mqttPort(),
            demo.dataApp(),
            demo.dataAppToken(),
            "data-app/" + demo.dataApp() + "/demo/sdfObject/button/sdfEvent/pressed")) {
      assertThat(sub.granted()).isEqualTo(1);
      Reply enabled =
          demo.post(
              path(demo.button(), "events", "eventName", name("button", "sdfEvent", "pressed")));
      assertThat(enabled.status()).as(enabled.text()).isEqualTo(201);
      Eventually.eventually("a press arrived", () -> pressArrives(sub, "AQ=="));

      lookalike().stopBluetoothd();
      // DOWN, then RECOVERING while the driver retries for a bluetoothd to come back
      Eventually.eventually("the BLE radio is not up", () -> !"UP".equals(bleState()));
      assertThat(bleState()).isIn("DOWN", "RECOVERING");
      assertThat(demo.client().get("/health/ready").status()).isEqualTo(503);
      JsonObject problem = new JsonArray(readTemperatureType().text()).getJsonObject(0);
      assertThat(problem.getInteger("status")).isEqualTo(503);
      lookalike().startBluetoothd();
      Eventually.eventually("the BLE radio is up again", () -> "UP".equals(bleState()));

      Eventually.eventually(
          "a press after bluetoothd returned arrived", () -> pressArrives(sub, "AA=="));
      assertThat(demo.client().delete(enabled.header("Location")).status()).isEqualTo(204);
    }
  }

  @Test
  void an_adapter_removed_mid_read_answers_503_at_once_shows_ble_down_and_recovers_on_return()
      throws Exception {
    lookalike().faults().latency("read", 1500);
    long start = System.nanoTime();
    CompletableFuture<Reply> read =
        CompletableFuture.supplyAsync(BluezRadioFaultsTest::readTemperatureType);
    Eventually.eventually("the read is under way", () -> lookalike().faults().waiting() == 1);

    lookalike().removeAdapter();

    Reply reply = read.get(OPERATION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(tookMs).as("answered before the operation timeout").isLessThan(OPERATION_TIMEOUT_MS);
    JsonObject problem = new JsonArray(reply.text()).getJsonObject(0);
    assertThat(problem.getInteger("status")).as(reply.text()).isEqualTo(503);
    assertThat(problem.getString("detail")).contains("down");
    assertThat(bleState()).isEqualTo("DOWN");
    assertThat(demo.client().get("/health/ready").status()).isEqualTo(503);
    JsonObject later = new JsonArray(readTemperatureType().text()).getJsonObject(0);
    assertThat(later.getInteger("status")).isEqualTo(503);

    lookalike().faults().clear();
    lookalike().returnAdapter();

    Eventually.eventually("the BLE radio is up again", () -> "UP".equals(bleState()));
    Reply again = readTemperatureType();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get(0).path("value").asText()).isEqualTo("Ag==");
  }

  @Test
  void a_peripheral_dropping_the_link_under_a_gatt_event_is_reported_and_resubscribed()
      throws Exception {
    try (MosquittoSub sub =
        MosquittoSub.start(
            demo.mqttPort(),
            demo.dataApp(),
            demo.dataAppToken(),
            "data-app/" + demo.dataApp() + "/#")) {
      assertThat(sub.granted()).isEqualTo(1);
      String connected = enable("isConnected");
      String measurement = enable("temperatureMeasurement");
      try {
        Eventually.eventually("the event holds a link", () -> lookalike().slotsInUse() == 1);

        lookalike().dropLink(BleAddress.parse(THERMOMETER_MAC));

        Eventually.eventually(
            "the dropped link was reported",
            () -> connectionStatuses(sub).stream().anyMatch(c -> !c.path("connected").asBoolean()));
        int measuredBefore = measurements(sub);

        // Then the gateway reconnects by itself and the indications are on again.
        Eventually.eventually(
            "the reconnection was reported",
            () ->
                connectionStatuses(sub).stream()
                    .dropWhile(c -> c.path("connected").asBoolean())
                    .anyMatch(c -> c.path("connected").asBoolean()));
        Eventually.eventually(
            "a measurement after the drop arrived", () -> measurements(sub) > measuredBefore);
        assertThat(lookalike().slotsInUse()).isEqualTo(1);
      } finally {
        for (String location : new String[] {measurement, connected}) {
          assertThat(demo.client().delete(location).status()).isEqualTo(204);
        }
      }
    }
  }

  @Test
  void health_shows_the_adapters_connection_slots_in_use() {
    assertThat(slots().getInteger("limit")).isEqualTo(8);
    assertThat(slots().getInteger("queueLimit")).isEqualTo(32);
    String connection = "/nipc/devices/" + demo.thermometer() + "/connections";
    Reply opened = demo.postJson(connection, new JsonObject());
    assertThat(opened.status()).as(opened.text()).isEqualTo(200);
    assertThat(slots().getInteger("inUse")).isEqualTo(1);
    assertThat(slots().getInteger("waiting")).isZero();

    assertThat(demo.client().delete(connection).status()).isEqualTo(204);
    Eventually.eventually("the slot is free", () -> slots().getInteger("inUse") == 0);
  }

  private static JsonObject slots() {
    return new JsonObject(demo.client().get("/health").text())
        .getJsonObject("checks")
        .getJsonObject("radios")
        .getJsonObject("ble")
        .getJsonObject("connectionSlots");
  }

  @Test
  void an_enabled_gatt_event_delivers_again_after_the_adapter_returns_with_no_api_call()
      throws Exception {
    try (MosquittoSub sub =
        MosquittoSub.start(
            demo.mqttPort(),
            demo.dataApp(),
            demo.dataAppToken(),
            "data-app/" + demo.dataApp() + "/demo/sdfObject/button/sdfEvent/pressed")) {
      assertThat(sub.granted()).isEqualTo(1);
      Reply enabled =
          demo.post(
              path(demo.button(), "events", "eventName", name("button", "sdfEvent", "pressed")));
      assertThat(enabled.status()).as(enabled.text()).isEqualTo(201);
      Eventually.eventually("a press arrived", () -> pressArrives(sub, "AQ=="));

      lookalike().removeAdapter();
      Eventually.eventually("the BLE radio is down", () -> "DOWN".equals(bleState()));
      lookalike().returnAdapter();
      Eventually.eventually("the BLE radio is up again", () -> "UP".equals(bleState()));

      Eventually.eventually(
          "a press after the adapter returned arrived", () -> pressArrives(sub, "AA=="));
      assertThat(demo.client().delete(enabled.header("Location")).status()).isEqualTo(204);
    }
  }

  /** Presses the button once; whether a message for it arrives within 300 ms. */
  private static boolean pressArrives(MosquittoSub sub, String value) {
    int before = sub.messages().size();
    demo.pressButton(value);
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    while (System.nanoTime() < until && sub.messages().size() == before) {
      Thread.onSpinWait();
    }
    return sub.messages().size() > before;
  }

  private static String enable(String event) {
    Reply reply =
        demo.post(
            path(
                demo.thermometer(), "events", "eventName", name("thermometer", "sdfEvent", event)));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.header("Location");
  }

  private static int measurements(MosquittoSub sub) {
    return (int)
        sub.messages().stream().filter(m -> m[0].endsWith("/temperatureMeasurement")).count();
  }

  private static java.util.List<JsonNode> connectionStatuses(MosquittoSub sub) {
    try {
      return CborCheck.decode(sub.messages().stream().map(m -> m[1]).toList())
          .findValues("bleConnectionStatus");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
