package org.nipcgateway.it.support.radio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A Zigbee node of a {@link World}, in the fleet format: its EUI-64 and attributes. */
public final class ZigbeeNode {
  private ZigbeeNode() {}

  public static JsonObject at(String eui64, JsonObject... attributes) {
    return new JsonObject()
        .put("eui64", eui64)
        .put("attributes", new JsonArray(List.of((Object[]) attributes)));
  }

  /** An attribute with its ZCL data type id and raw little-endian value in base64. */
  public static JsonObject attribute(
      int endpoint, int cluster, int attribute, int type, String value, boolean writable) {
    return new JsonObject()
        .put("endpoint", endpoint)
        .put("cluster", cluster)
        .put("attribute", attribute)
        .put("type", type)
        .put("value", value)
        .put("writable", writable);
  }
}
