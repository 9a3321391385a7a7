package org.nipcgateway.core.radio;

import io.vertx.core.Future;

/**
 * What the gateway asks of a Bluetooth Low Energy radio. Devices are addressed by the MAC address
 * of their SCIM BLE extension; connections are the radio's business (an operation connects
 * implicitly when no connection is open).
 *
 * <p>Every method is called on an event loop, must return at once without blocking, and completes
 * its future on the caller's context. Failures are {@link RadioException}s.
 */
public interface BleRadio {

  /** Reads a characteristic's value. */
  Future<byte[]> read(String deviceMac, GattCharacteristic characteristic);

  /** Writes a characteristic's value (with response). */
  Future<Void> write(String deviceMac, GattCharacteristic characteristic, byte[] value);
}
