package org.nipcgateway.it.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Settings of the simulated radios, as tests describe their peripherals and nodes. */
public final class SimulatedDevices {
  private SimulatedDevices() {}

  /** A GATT characteristic with a base64 value and its GATT properties. */
  public static JsonObject characteristic(
      String service, String characteristic, String value, String... properties) {
    return new JsonObject()
        .put("service", service)
        .put("characteristic", characteristic)
        .put("value", value)
        .put("properties", new JsonArray(List.of((Object[]) properties)));
  }

  public static JsonObject peripheral(String mac, JsonObject... characteristics) {
    return new JsonObject()
        .put("mac", mac)
        .put("characteristics", new JsonArray(List.of((Object[]) characteristics)));
  }

  /** A {@code radios} section with a simulated BLE adapter and these peripherals. */
  public static JsonObject bleRadio(JsonObject... peripherals) {
    return new JsonObject()
        .put(
            "ble",
            new JsonObject()
                .put("driver", "simulated")
                .put("devices", new JsonArray(List.of((Object[]) peripherals))));
  }
}
