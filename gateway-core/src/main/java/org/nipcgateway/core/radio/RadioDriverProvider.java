package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.nipcgateway.core.config.Settings;

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
   * config section that chose it, at key path {@code radios.<family>}; core has read its {@code
   * driver}, {@code faultInjection}, {@code latencyMs} and {@code faults}). The driver reads every
   * setting it supports, then calls {@link Settings#rejectUnknownKeys()} before it touches
   * hardware, so that a misspelt key stops the start with its full path. Called once per family, on
   * an event loop; blocking set-up belongs on a worker. A failed future stops the gateway's start;
   * bad settings, or a family the driver does not support, fail with a {@link
   * org.nipcgateway.core.config.ConfigException}.
   */
  Future<RadioDriver> start(Vertx vertx, String family, Settings settings);

  /**
   * As {@link #start(Vertx, String, Settings)}, with the gateway's data dir and secret sealing for
   * drivers that keep state of their own; the gateway calls this one. By default the environment is
   * not needed.
   */
  default Future<RadioDriver> start(
      Vertx vertx, String family, Settings settings, RadioEnvironment environment) {
    return start(vertx, family, settings);
  }

  /**
   * Whether the gateway wraps this driver's radios in the fault-injecting decorator unless the
   * configuration says {@code "faultInjection": false}: true for test benches such as the
   * simulator; real drivers get it only when configured.
   */
  default boolean testBench() {
    return false;
  }
}
