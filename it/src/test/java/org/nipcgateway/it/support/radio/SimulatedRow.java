package org.nipcgateway.it.support.radio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.nipcgateway.it.support.RunningGateway;

/**
 * Both families on the in-process {@code simulated} driver: the world's devices become the
 * simulator's settings, devices act through {@code /simulator/ble|zigbee/values}, and fault
 * injection is on (the driver is a test bench). Nothing runs beside the gateway.
 */
public final class SimulatedRow implements RadioRow {

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public String driver(String family) {
    return "simulated";
  }

  @Override
  public boolean faultInjection() {
    return true;
  }

  @Override
  public RadioBench start(World world) {
    JsonObject radios = new JsonObject();
    // Only the families the world has devices for, as a gateway on that fleet would run.
    if (!world.peripherals().isEmpty()) {
      JsonObject ble = family(world.peripherals());
      world.bleSlots().ifPresent(slots -> ble.put("slots", slots));
      radios.put("ble", ble);
    }
    if (!world.nodes().isEmpty()) {
      radios.put("zigbee", family(world.nodes()));
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

  private static JsonObject family(List<JsonObject> devices) {
    return new JsonObject()
        .put("driver", "simulated")
        .put("devices", new JsonArray(List.copyOf(devices)));
  }
}
