package org.nipcgateway.core.cli;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;

/**
 * {@code --ble-driver NAME} and {@code --ble-adapter NAME} over the radios a start runs (the
 * config's, or the chosen fleet's): the BLE radio runs on that driver instead, and the fleet's BLE
 * devices are expected on it (a BlueZ look-alike loaded with the same fleet, or real devices). A
 * section already naming that driver keeps its other settings; one naming another driver (the
 * simulator with its devices) is replaced, since those settings belong to that driver.
 */
final class BleDriverOption {
  private BleDriverOption() {}

  static JsonObject apply(JsonObject radios, Optional<String> driver, Optional<String> adapter) {
    if (driver.isEmpty() && adapter.isEmpty()) {
      return radios;
    }
    JsonObject result = radios.copy();
    JsonObject ble = result.getJsonObject("ble", new JsonObject());
    if (driver.isPresent() && !driver.get().equals(ble.getString("driver"))) {
      ble = new JsonObject().put("driver", driver.get());
    }
    if (adapter.isPresent()) {
      if (ble.getString("driver", "simulated").equals("simulated")) {
        throw new ConfigException(
            "--ble-adapter names a hardware adapter: it needs --ble-driver (e.g. bluez)");
      }
      ble.put("adapter", adapter.get());
    }
    return result.put("ble", ble);
  }
}
