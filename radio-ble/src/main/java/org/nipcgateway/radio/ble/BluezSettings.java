package org.nipcgateway.radio.ble;

import java.util.Optional;
import org.nipcgateway.core.config.Settings;

/**
 * The {@code radios.ble} settings of the {@code bluez} driver.
 *
 * @param adapter the adapter by name ({@code hci0}) or by address ({@code 00:1A:7D:DA:71:13})
 * @param busAddress the D-Bus address of the system bus; empty for {@code DBUS_SYSTEM_BUS_ADDRESS}
 *     or the standard system bus
 * @param connectTimeoutMillis how long one connection attempt (with pairing and service resolution)
 *     may take
 * @param operationTimeoutMillis how long a read, write or notification switch may take
 * @param threads the driver's D-Bus worker threads
 * @param maxConnections the adapter's connection slots: links the driver opens at once
 * @param connectQueue how many connects may wait for a slot; one more fails at once
 */
record BluezSettings(
    String adapter,
    Optional<String> busAddress,
    long connectTimeoutMillis,
    long operationTimeoutMillis,
    int threads,
    int maxConnections,
    int connectQueue) {

  static BluezSettings read(Settings settings) {
    return new BluezSettings(
        settings.string("adapter", "hci0"),
        settings.optionalString("busAddress"),
        settings.longValue("connectTimeoutMs", 10_000, 100, 120_000),
        settings.longValue("operationTimeoutMs", 5_000, 50, 120_000),
        settings.integer("threads", 4, 1, 64),
        settings.integer("maxConnections", 8, 1, 64),
        settings.integer("connectQueue", 32, 0, 1024));
  }

  /** The same settings on that bus. */
  BluezSettings onBus(Optional<String> address) {
    return new BluezSettings(
        adapter,
        address,
        connectTimeoutMillis,
        operationTimeoutMillis,
        threads,
        maxConnections,
        connectQueue);
  }

  /** Whether {@link #adapter} names the adapter by its address. */
  boolean adapterByAddress() {
    return adapter.contains(":");
  }
}
