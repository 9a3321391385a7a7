package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A kind of radio driver (BlueZ, a Zigbee dongle, the simulator), found with {@link
 * java.util.ServiceLoader} and chosen by {@link #name()} in the configuration, so the core depends
 * on no driver.
 */
public interface RadioDriverProvider {

  /** The name configuration uses, e.g. {@code simulated} or {@code bluez}. */
  String name();

  /**
   * Starts a driver for one protocol family ({@code ble} or {@code zigbee}) with its settings (the
   * config section that chose it, without the keys core reads: {@code driver}, {@code
   * faultInjection}, {@code latencyMs}, {@code faults}). Called once per family, on the gateway's
   * event loop; blocking set-up belongs on a worker. A failed future stops the gateway's start; a
   * family the driver does not support fails with a {@link
   * org.nipcgateway.core.config.ConfigException}.
   */
  Future<RadioDriver> start(Vertx vertx, String family, JsonObject settings);

  /**
   * Whether the gateway wraps this driver's radios in the fault-injecting decorator unless the
   * configuration says {@code "faultInjection": false}: true for test benches such as the
   * simulator; real drivers get it only when configured.
   */
  default boolean testBench() {
    return false;
  }
}
