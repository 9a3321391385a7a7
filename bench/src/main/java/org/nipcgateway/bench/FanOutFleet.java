package org.nipcgateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the fan-out gateway is started with: a config file whose simulated BLE adapter holds {@code
 * peripherals} counters (each notifies a uint32 one higher every {@code intervalMs} while its
 * notifications are on, as in it/'s StreamingSoakTest), their SDF model and their SCIM devices.
 */
final class FanOutFleet {
  static final String MODEL = "https://example.com/bench#/sdfObject/counter";
  static final String TICK = MODEL + "/sdfEvent/tick";
  private static final String BLE = "urn:ietf:params:scim:schemas:extension:ble:2.0:Device";
  private static final String SDF = "urn:ietf:params:scim:schemas:extension:sdf:2.0:Device";

  private FanOutFleet() {}

  static String mac(int i) {
    return String.format("02:FA:00:00:%02X:%02X", (i >> 8) & 0xff, i & 0xff);
  }

  /** Writes the config file and answers its path. */
  static Path writeConfig(Path dir, int peripherals, int intervalMs) {
    JsonArray devices = new JsonArray();
    for (int i = 0; i < peripherals; i++) {
      devices.add(
          new JsonObject()
              .put("mac", mac(i))
              .put(
                  "characteristics",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("service", "FFF0")
                              .put("characteristic", "FFF1")
                              .put("value", "AAAAAA==")
                              .put("properties", new JsonArray().add("notify"))
                              .put("notifyIntervalMs", intervalMs)
                              .put("notifyCounter", true))));
    }
    JsonObject config =
        new JsonObject()
            .put(
                "radios",
                new JsonObject()
                    .put(
                        "ble",
                        new JsonObject()
                            .put("driver", "simulated")
                            .put("slots", peripherals + 4)
                            .put("devices", devices)));
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("fan-out-config.json");
      Files.writeString(file, config.encodePrettily());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String model() {
    return "{\"namespace\":{\"bench\":\"https://example.com/bench\"},\"defaultNamespace\":\"bench\","
        + "\"sdfObject\":{\"counter\":{\"sdfEvent\":{\"tick\":{\"sdfProtocolMap\":{\"ble\":"
        + "{\"type\":\"gatt\",\"serviceID\":\"FFF0\",\"characteristicID\":\"FFF1\"}}}}}}}";
  }

  static String device(int i) {
    return new JsonObject()
        .put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Device", BLE, SDF))
        .put("displayName", "counter " + i)
        .put("active", true)
        .put(
            BLE,
            new JsonObject()
                .put("versionSupport", List.of("5.3"))
                .put("deviceMacAddress", mac(i))
                .put("isRandom", false)
                .put(
                    "pairingMethods",
                    List.of("urn:ietf:params:scim:schemas:extension:pairingNull:2.0:Device")))
        .put(SDF, new JsonObject().put("sdf", List.of(MODEL)))
        .encode();
  }
}
