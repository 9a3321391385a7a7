package org.nipcgateway.simulators.zigbee;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.ZigbeeAttribute;

/**
 * The Zigbee nodes of a fleet file ({@code radios.zigbee.devices}, simulators/README.md) put into a
 * simulation: the in-process network or the simulated coordinator.
 */
public final class FleetNodes {
  private FleetNodes() {}

  public static void load(SimulatedZigbeeNodes into, List<Settings> devices) {
    for (Settings device : devices) {
      Eui64 eui64 = eui64(device);
      into.addNode(
          eui64,
          device.integer("profile", ZigbeeAttribute.HOME_AUTOMATION, 0, 0xFFFF),
          !device.flag("joinsOnPermit", false));
      for (Settings a : device.sections("attributes")) {
        into.define(
            eui64,
            a.requiredInteger("endpoint", 0, 255),
            a.requiredInteger("cluster", 0, 0xFFFF),
            a.requiredInteger("attribute", 0, 0xFFFF),
            optional(a.optionalInteger("manufacturerCode", 0, 0xFFFF)),
            a.requiredInteger("type", 0, 0xFF),
            bytes(a, "value"),
            a.flag("writable", false));
      }
    }
  }

  private static Eui64 eui64(Settings device) {
    try {
      return Eui64.parse(device.requiredString("eui64"));
    } catch (IllegalArgumentException e) {
      throw device.invalid("eui64", e.getMessage());
    }
  }

  private static OptionalInt optional(Optional<Integer> value) {
    return value.map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  private static byte[] bytes(Settings item, String key) {
    try {
      return Base64.getDecoder().decode(item.string(key, ""));
    } catch (IllegalArgumentException e) {
      throw item.invalid(key, "must be base64: " + e.getMessage());
    }
  }
}
