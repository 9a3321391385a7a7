package org.nipcgateway.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.World;

/**
 * One simulated BLE peripheral whose notifications count up, a telemetry app linked to it, and the
 * accounting of what an app received (python3-cbor2 decodes): how many, repeats, gaps and counters
 * out of order.
 */
public final class CounterStream {
  public static final String MAC = "02:50:41:4B:10:01";
  private static final String MODEL = "https://example.com/stream#/sdfObject/counter";
  public static final String TICK = MODEL + "/sdfEvent/tick";

  private CounterStream() {}

  public static World world(int intervalMs) {
    return World.empty()
        .withPeripherals(
            BlePeripheral.at(
                MAC,
                BlePeripheral.characteristic("FFF0", "FFF1", "AAAAAA==", "notify")
                    .put("notifyIntervalMs", intervalMs)
                    .put("notifyCounter", true)));
  }

  /** Registers the model, the device and a telemetry app; answers the app (id, clientToken). */
  public static JsonNode provision(ScimClient http) {
    http.post(
        "/nipc/registrations/models",
        "{\"namespace\":{\"stream\":\"https://example.com/stream\"},\"defaultNamespace\":\"stream\","
            + "\"sdfObject\":{\"counter\":{\"sdfEvent\":{\"tick\":{\"sdfProtocolMap\":{\"ble\":"
            + "{\"type\":\"gatt\",\"serviceID\":\"FFF0\",\"characteristicID\":\"FFF1\"}}}}}}}",
        "Content-Type",
        "application/sdf+json");
    String device =
        http.create("/Devices", Devices.withModel(Devices.bleWithoutPairing("counter", MAC), MODEL))
            .path("id")
            .asText();
    ObjectNode app = http.create("/EndpointApps", EndpointApps.of("telemetry", "Stream"));
    Links.group(http, app.path("id").asText(), List.of(device));
    return app.deepCopy().put("deviceId", device);
  }

  public static void register(ScimClient http, String appId, String delivery, Object settings) {
    Reply reply =
        http.post(
            "/nipc/registrations/data-apps?dataAppId=" + appId,
            new JsonObject()
                .put("events", new JsonArray().add(new JsonObject().put("event", TICK)))
                .put(delivery, settings)
                .encode(),
            "Content-Type",
            "application/nipc+json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
  }

  /** Enables the tick event; answers its instance's location. */
  public static String enable(ScimClient http, String deviceId) {
    Reply enabled =
        http.post(
            "/nipc/devices/" + deviceId + "/events?eventName=" + ScimClient.encode(TICK), null);
    assertThat(enabled.status()).as(enabled.text()).isEqualTo(201);
    return enabled.header("Location");
  }

  /** devices, received, repeats, missing, outOfOrder over hex DataBatch payloads. */
  public static JsonNode count(List<String> hexBatches) throws Exception {
    Path script = Files.createTempFile("count_notifications", ".py");
    try (var in = CounterStream.class.getResourceAsStream("/cbor/count_notifications.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process python =
        new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(true).start();
    try (var stdin = python.getOutputStream()) {
      for (String batch : hexBatches) {
        stdin.write((batch + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).as(output).isZero();
    Files.deleteIfExists(script);
    return ScimClient.JSON.readTree(output);
  }

  /** This JVM's resident memory in kB (Linux), for the figures. */
  public static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    return -1;
  }
}
