package org.nipcgateway.it.support.radio;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/** The simulated devices, moved and read through the simulator's control routes. */
final class SimulatorDeviceSide implements DeviceSide {
  private final ScimClient client;

  SimulatorDeviceSide(ScimClient client) {
    this.client = client;
  }

  @Override
  public void bleValueChanges(String mac, String service, String characteristic, String value) {
    post(
        "/simulator/ble/values",
        new JsonObject()
            .put("mac", mac)
            .put("service", service)
            .put("characteristic", characteristic)
            .put("value", value));
  }

  @Override
  public void blePeripheralDropsLink(String mac) {
    post("/simulator/ble/dropped-links", new JsonObject().put("mac", mac));
  }

  @Override
  public void zigbeeValueChanges(
      String eui64, int endpoint, int cluster, int attribute, String value) {
    post("/simulator/zigbee/values", attribute(eui64, endpoint, cluster, attribute, value));
  }

  @Override
  public void zigbeeNodeWrites(
      String eui64, int endpoint, int cluster, int attribute, int type, String value) {
    post(
        "/simulator/zigbee/values",
        attribute(eui64, endpoint, cluster, attribute, value)
            .put("type", type)
            .put("written", true));
  }

  @Override
  public void zigbeeNodesForgetReporting() {
    Reply reply = client.send("DELETE", "/simulator/zigbee/reporting", null);
    if (reply.status() != 204) {
      throw new AssertionError("the simulator refused to reset reporting: " + reply);
    }
  }

  @Override
  public int bleSlotsInUse() {
    return state().path("ble").path("slotsInUse").asInt();
  }

  @Override
  public List<ConfiguredReporting> zigbeeReporting() {
    List<ConfiguredReporting> configured = new ArrayList<>();
    for (JsonNode r : state().path("zigbee").path("reporting")) {
      configured.add(
          new ConfiguredReporting(
              r.path("eui64").asText(),
              r.path("endpoint").asInt(),
              r.path("cluster").asInt(),
              r.path("attribute").asInt(),
              r.path("minInterval").asInt(),
              r.path("maxInterval").asInt()));
    }
    return configured;
  }

  @Override
  public java.util.Optional<List<String>> bleWrites(
      String mac, String service, String characteristic) {
    Reply reply =
        client.get(
            "/simulator/ble/writes?mac="
                + ScimClient.encode(mac)
                + "&service="
                + service
                + "&characteristic="
                + characteristic);
    if (reply.status() != 200) {
      return java.util.Optional.empty(); // no simulated BLE radio on this row
    }
    List<String> writes = new ArrayList<>();
    reply.json().path("writes").forEach(w -> writes.add(w.asText()));
    return java.util.Optional.of(writes);
  }

  @Override
  public java.util.Optional<List<JsonNode>> transmissions(String family) {
    JsonNode sent = state().path(family).path("transmissions");
    if (!sent.isArray()) {
      return java.util.Optional.empty();
    }
    List<JsonNode> list = new ArrayList<>();
    sent.forEach(list::add);
    return java.util.Optional.of(list);
  }

  private JsonNode state() {
    return client.get("/simulator").json();
  }

  private static JsonObject attribute(
      String eui64, int endpoint, int cluster, int attribute, String value) {
    return new JsonObject()
        .put("eui64", eui64)
        .put("endpoint", endpoint)
        .put("cluster", cluster)
        .put("attribute", attribute)
        .put("value", value);
  }

  private void post(String path, JsonObject body) {
    Reply reply = client.post(path, body.encode(), "Content-Type", "application/json");
    if (reply.status() >= 300) {
      throw new AssertionError("the simulator refused " + path + ": " + reply);
    }
  }
}
