package org.nipcgateway.it.support.radio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.simulators.bluez.BluezFleet;
import org.nipcgateway.simulators.bluez.BluezLookalike;
import org.nipcgateway.simulators.bluez.PrivateBus;

/**
 * BLE on the {@code bluez} driver, over a private {@code dbus-daemon} with the BlueZ look-alike
 * loaded with the world's peripherals; Zigbee stays on the simulator. Fault injection wraps the
 * BlueZ radio too, so the fault scenarios run unchanged; peripherals act through the look-alike.
 */
public final class BluezRow implements RadioRow {

  @Override
  public String name() {
    return "bluez";
  }

  @Override
  public String driver(String family) {
    return family.equals("ble") ? "bluez" : "simulated";
  }

  @Override
  public boolean faultInjection() {
    return true;
  }

  @Override
  public RadioBench start(World world) {
    JsonObject radios = new JsonObject();
    PrivateBus bus = null;
    BluezLookalike lookalike = null;
    if (!world.peripherals().isEmpty()) {
      JsonObject fleet =
          new JsonObject().put("devices", new JsonArray(List.copyOf(world.peripherals())));
      world.bleSlots().ifPresent(slots -> fleet.put("slots", slots));
      try {
        bus = PrivateBus.start();
        lookalike =
            BluezLookalike.start(
                bus.address(), BluezFleet.adapter(fleet), BluezFleet.peripherals(fleet));
      } catch (Exception e) {
        if (bus != null) {
          bus.close();
        }
        throw new IllegalStateException("the BlueZ look-alike did not start", e);
      }
      JsonObject ble =
          new JsonObject()
              .put("driver", "bluez")
              .put("busAddress", bus.address())
              .put("faultInjection", true);
      // The adapter's slots are the world's; the driver is configured for the adapter it has.
      world.bleSlots().ifPresent(slots -> ble.put("maxConnections", slots));
      radios.put("ble", ble);
    }
    if (!world.nodes().isEmpty()) {
      radios.put(
          "zigbee",
          new JsonObject()
              .put("driver", "simulated")
              .put("devices", new JsonArray(List.copyOf(world.nodes()))));
    }
    return new Bench(radios, bus, lookalike);
  }

  /** The bus and look-alike of one world, stopped by the bus's PID after the gateway. */
  private record Bench(JsonObject radios, PrivateBus bus, BluezLookalike lookalike)
      implements RadioBench {
    @Override
    public JsonObject radios() {
      return radios.copy();
    }

    @Override
    public DeviceSide deviceSide(RunningGateway gateway) {
      return new BluezDeviceSide(lookalike, new SimulatorDeviceSide(gateway.scim()));
    }

    @Override
    public void close() {
      if (lookalike != null) {
        lookalike.close();
      }
      if (bus != null) {
        bus.close();
      }
    }
  }
}
