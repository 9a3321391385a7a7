package org.nipcgateway.it.support.radio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A BLE peripheral of a {@link World}, in the fleet format: its address and GATT table. */
public final class BlePeripheral {
  private BlePeripheral() {}

  public static JsonObject at(String mac, JsonObject... characteristics) {
    return new JsonObject()
        .put("mac", mac)
        .put("characteristics", new JsonArray(List.of((Object[]) characteristics)));
  }

  /**
   * A GATT characteristic with a base64 value and its GATT properties ({@code read}, {@code write},
   * {@code write-no-response}, {@code notify}, {@code indicate}).
   */
  public static JsonObject characteristic(
      String service, String characteristic, String value, String... properties) {
    return new JsonObject()
        .put("service", service)
        .put("characteristic", characteristic)
        .put("value", value)
        .put("properties", new JsonArray(List.of((Object[]) properties)));
  }
}
