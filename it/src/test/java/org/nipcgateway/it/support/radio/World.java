package org.nipcgateway.it.support.radio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.nipcgateway.core.fleet.Fleet;

/**
 * The devices a scenario runs against, described once for every radio row: BLE peripherals and
 * Zigbee nodes in the fleet file format (simulators/README.md, which the BlueZ look-alike loads
 * too), the BLE adapter's connection slots, and the SDF models and SCIM devices the gateway is
 * seeded with. A row turns it into its drivers' configuration; nothing here names a driver.
 */
public record World(
    List<JsonObject> peripherals,
    List<JsonObject> nodes,
    OptionalInt bleSlots,
    List<JsonObject> models,
    List<JsonObject> devices) {

  public World {
    peripherals = List.copyOf(peripherals);
    nodes = List.copyOf(nodes);
    models = List.copyOf(models);
    devices = List.copyOf(devices);
  }

  /** No devices at all; add them with the {@code with…} methods. */
  public static World empty() {
    return new World(List.of(), List.of(), OptionalInt.empty(), List.of(), List.of());
  }

  /** The demo fleet: thermometer, button and Zigbee light, with their models and SCIM devices. */
  public static World demo() {
    return of(Fleet.demo().orElseThrow());
  }

  /** A fleet's devices, whatever driver its {@code radios} section names. */
  public static World of(Fleet fleet) {
    JsonObject ble = fleet.radios().getJsonObject("ble", new JsonObject());
    JsonObject zigbee = fleet.radios().getJsonObject("zigbee", new JsonObject());
    Integer slots = ble.getInteger("slots");
    return new World(
        objects(ble.getJsonArray("devices", new JsonArray())),
        objects(zigbee.getJsonArray("devices", new JsonArray())),
        slots == null ? OptionalInt.empty() : OptionalInt.of(slots),
        fleet.models(),
        fleet.devices());
  }

  /** With these peripherals in range too (see {@link BlePeripheral}). */
  public World withPeripherals(JsonObject... peripheral) {
    List<JsonObject> all = new ArrayList<>(peripherals);
    all.addAll(List.of(peripheral));
    return new World(all, nodes, bleSlots, models, devices);
  }

  /** With these nodes on the network too (see {@link ZigbeeNode}). */
  public World withNodes(JsonObject... node) {
    List<JsonObject> all = new ArrayList<>(nodes);
    all.addAll(List.of(node));
    return new World(peripherals, all, bleSlots, models, devices);
  }

  /** With an adapter that holds this many connections at once. */
  public World withBleSlots(int slots) {
    return new World(peripherals, nodes, OptionalInt.of(slots), models, devices);
  }

  /** The models and SCIM devices to seed, as a fleet without radios. */
  public Fleet records() {
    return new Fleet(new JsonObject(), models, devices);
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
  }
}
