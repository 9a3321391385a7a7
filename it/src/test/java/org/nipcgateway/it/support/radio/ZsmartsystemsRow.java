package org.nipcgateway.it.support.radio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.nipcgateway.it.support.RunningGateway;

/**
 * Zigbee on the {@code zsmartsystems} driver over the simulated coordinator ({@code "dongle":
 * "simulated"}), BLE on the in-process simulator. The world's nodes become the coordinator's
 * network; they act through the same {@code /simulator/zigbee/values} route, which reaches the
 * coordinator's nodes under this driver. Fault injection is on, as for any test bench.
 */
public final class ZsmartsystemsRow implements RadioRow {

  @Override
  public String name() {
    return "zsmartsystems";
  }

  @Override
  public String driver(String family) {
    return family.equals("zigbee") ? "zsmartsystems" : "simulated";
  }

  @Override
  public boolean faultInjection() {
    return true;
  }

  @Override
  public RadioBench start(World world) {
    JsonObject radios = new JsonObject();
    if (!world.peripherals().isEmpty()) {
      JsonObject ble =
          new JsonObject()
              .put("driver", "simulated")
              .put("devices", new JsonArray(List.copyOf(world.peripherals())));
      world.bleSlots().ifPresent(slots -> ble.put("slots", slots));
      radios.put("ble", ble);
    }
    if (!world.nodes().isEmpty()) {
      radios.put(
          "zigbee",
          new JsonObject()
              .put("driver", "zsmartsystems")
              .put("dongle", "simulated")
              .put("faultInjection", true)
              .put("devices", new JsonArray(List.copyOf(world.nodes()))));
    }
    return new RadioBench() {
      @Override
      public JsonObject radios() {
        return radios.copy();
      }

      @Override
      public DeviceSide deviceSide(RunningGateway gateway) {
        return new SimulatorDeviceSide(gateway.scim());
      }

      @Override
      public void close() {}
    };
  }
}
