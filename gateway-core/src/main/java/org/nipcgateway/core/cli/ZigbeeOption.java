package org.nipcgateway.core.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.fleet.Fleet;

/**
 * {@code --zigbee-driver NAME [--zigbee-dongle KIND] [--zigbee-port DEV] [--zigbee-baud N]}: runs
 * the Zigbee radio on that driver instead of what the fleet or config names. Without a port the
 * network is a simulated one, so the fleet's Zigbee nodes stay (the demo light joins the simulated
 * coordinator); with a port it is real hardware, so they are dropped, with the SCIM devices that
 * name them, as the demo does beside any real radio.
 */
record ZigbeeOption(
    String driver, Optional<String> dongle, Optional<String> port, Optional<Integer> baud) {

  /** The {@code radios.zigbee} section, with the nodes it keeps from the one it replaces. */
  JsonObject section(JsonObject replaced) {
    JsonObject section = new JsonObject().put("driver", driver);
    dongle.ifPresent(d -> section.put("dongle", d));
    port.ifPresent(p -> section.put("port", p));
    baud.ifPresent(b -> section.put("baud", b));
    if (port.isEmpty() && replaced.containsKey("devices")) {
      section.put("devices", replaced.getJsonArray("devices").copy());
    }
    return section;
  }

  /** The fleet with its Zigbee radio on this driver. */
  Fleet applyTo(Fleet fleet) {
    JsonObject radios = fleet.radios().copy();
    radios.put("zigbee", section(radios.getJsonObject("zigbee", new JsonObject())));
    List<JsonObject> devices =
        port.isEmpty()
            ? fleet.devices()
            : fleet.devices().stream().filter(d -> !zigbee(d)).toList();
    return new Fleet(radios, fleet.models(), devices);
  }

  /** The configured radios with the Zigbee radio on this driver. */
  JsonObject applyTo(JsonObject radios) {
    JsonObject changed = radios.copy();
    changed.put("zigbee", section(radios.getJsonObject("zigbee", new JsonObject())));
    return changed;
  }

  private static boolean zigbee(JsonObject device) {
    return device
        .getJsonArray("schemas", new JsonArray())
        .contains("urn:ietf:params:scim:schemas:extension:zigbee:2.0:Device");
  }
}
