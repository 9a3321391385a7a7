package org.nipcgateway.it.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.RadioBench;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;

/**
 * A steady stream of GATT notifications (peripherals counting up) goes to a data app over the
 * embedded broker for a bounded time; every notification is received exactly once or counted as
 * dropped. Runs with {@code mvn verify} (about 15 s of streaming); longer with {@code
 * -Dnipc.soak.seconds=60}. Prints events/s and drops.
 */
@Tag("soak")
@RadioScenario
class StreamingSoakTest {
  private static final int DEVICES = 20;
  private static final int INTERVAL_MS = 20;
  private static final int SECONDS = Integer.getInteger("nipc.soak.seconds", 15);
  private static final String MODEL = "https://example.com/soak#/sdfObject/counter";
  private static final String TICK = MODEL + "/sdfEvent/tick";

  private static String mac(int i) {
    return String.format("02:50:41:4B:00:%02X", i);
  }

  @Parameter RadioRow row;

  private static World counters() {
    JsonObject[] peripherals = new JsonObject[DEVICES];
    for (int i = 0; i < DEVICES; i++) {
      peripherals[i] =
          BlePeripheral.at(
              mac(i),
              BlePeripheral.characteristic("FFF0", "FFF1", "AAAAAA==", "notify")
                  .put("notifyIntervalMs", INTERVAL_MS)
                  .put("notifyCounter", true));
    }
    return World.empty().withPeripherals(peripherals).withBleSlots(DEVICES + 4);
  }

  @Test
  void every_event_of_a_steady_stream_arrives_once_or_is_counted_as_dropped() throws Exception {
    try (RadioBench bench = row.start(counters());
        RunningGateway gateway =
            RunningGateway.start(
                GatewayConfig.builder().moduleSettings("radios", bench.radios()))) {
      ScimClient http = gateway.scim();
      http.post(
          "/nipc/registrations/models",
          "{\"namespace\":{\"soak\":\"https://example.com/soak\"},\"defaultNamespace\":\"soak\","
              + "\"sdfObject\":{\"counter\":{\"sdfEvent\":{\"tick\":{\"sdfProtocolMap\":{\"ble\":"
              + "{\"type\":\"gatt\",\"serviceID\":\"FFF0\",\"characteristicID\":\"FFF1\"}}}}}}}",
          "Content-Type",
          "application/sdf+json");
      List<String> devices = new ArrayList<>();
      for (int i = 0; i < DEVICES; i++) {
        devices.add(
            http.create(
                    "/Devices",
                    Devices.withModel(Devices.bleWithoutPairing("counter " + i, mac(i)), MODEL))
                .path("id")
                .asText());
      }
      JsonNode created = http.create("/EndpointApps", EndpointApps.of("telemetry", "Soak"));
      String dataApp = created.path("id").asText();
      Links.group(http, dataApp, devices);
      http.post(
          "/nipc/registrations/data-apps?dataAppId=" + dataApp,
          new JsonObject()
              .put("events", new JsonArray().add(new JsonObject().put("event", TICK)))
              .put("mqttClient", true)
              .encode(),
          "Content-Type",
          "application/nipc+json");
      int port = http.get("/streaming").json().at("/mqtt/port").asInt();

      try (MosquittoSub sub =
          MosquittoSub.start(
              port, dataApp, created.path("clientToken").asText(), "data-app/" + dataApp + "/#")) {
        assertThat(sub.granted()).isEqualTo(1);
        List<String> instances = new ArrayList<>();
        long start = System.nanoTime();
        for (String device : devices) {
          Reply enabled =
              http.post(
                  "/nipc/devices/" + device + "/events?eventName=" + ScimClient.encode(TICK), null);
          assertThat(enabled.status()).as(enabled.text()).isEqualTo(201);
          instances.add(enabled.header("Location"));
        }
        TimeUnit.SECONDS.sleep(SECONDS); // the soak itself, not a synchronisation
        instances.forEach(location -> assertThat(http.delete(location).status()).isEqualTo(204));
        double seconds = (System.nanoTime() - start) / 1e9;

        JsonNode stats = http.get("/streaming").json().at("/dataApps/" + dataApp);
        long publications = stats.path("publications").asLong();
        Eventually.eventually(
            "every publication reached the subscriber",
            () -> sub.messages().size() >= publications);
        JsonNode counted = count(sub.messages());
        long dropped = stats.path("droppedQueueFull").asLong();

        System.out.printf(
            "SOAK devices=%d seconds=%.1f events-delivered=%d events/s=%.0f publications=%d"
                + " received=%d repeats=%d missing=%d dropped(queue full)=%d%n",
            DEVICES,
            seconds,
            stats.path("delivered").asLong(),
            counted.path("received").asLong() / seconds,
            publications,
            counted.path("received").asLong(),
            counted.path("repeats").asLong(),
            counted.path("missing").asLong(),
            dropped);
        assertThat(counted.path("devices").asInt()).isEqualTo(DEVICES);
        assertThat(counted.path("repeats").asLong()).isZero();
        assertThat(counted.path("received").asLong()).isEqualTo(stats.path("delivered").asLong());
        assertThat(counted.path("missing").asLong()).isEqualTo(dropped);
      }
    }
  }

  /** Decodes every payload with python3-cbor2 and accounts for the counters. */
  private static JsonNode count(List<String[]> messages) throws Exception {
    Path script = Files.createTempFile("count_notifications", ".py");
    try (var in = StreamingSoakTest.class.getResourceAsStream("/cbor/count_notifications.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process python =
        new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(true).start();
    try (var stdin = python.getOutputStream()) {
      for (String[] message : messages) {
        stdin.write((message[1] + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as(output).isZero();
    return ScimClient.JSON.readTree(output);
  }
}
