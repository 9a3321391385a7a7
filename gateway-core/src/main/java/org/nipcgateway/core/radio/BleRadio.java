package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * What the gateway asks of a Bluetooth Low Energy radio. Devices are addressed by the MAC address
 * of their SCIM BLE extension. GATT operations need a connection; the gateway opens and closes
 * connections (and retries failed attempts) itself, so a driver makes one attempt per call.
 *
 * <p>Every method is called on an event loop, must return at once without blocking, and completes
 * its future on the caller's context. Failures are {@link RadioException}s. What happens on the air
 * without being asked (notifications, advertisements, lost links) reaches the {@link BleListener}s.
 */
public interface BleRadio {

  /**
   * Connects to the peripheral (one attempt). When the peripheral asks to pair, the radio answers
   * with the method it asks for if {@code permitted} contains it, and fails with {@link
   * RadioException.Reason#BONDING_FAILED} otherwise.
   */
  Future<Void> connect(String deviceMac, Set<BleBonding> permitted);

  /** Closes the connection; succeeds when there is none. */
  Future<Void> disconnect(String deviceMac);

  /** Discovers the GATT services named (all when {@code serviceIds} is empty) of a connection. */
  Future<List<GattService>> discover(String deviceMac, Set<String> serviceIds);

  /** Reads a characteristic's value over an open connection. */
  Future<byte[]> read(String deviceMac, GattCharacteristic characteristic);

  /**
   * Writes a characteristic's value over an open connection, as a write request (the peripheral
   * confirms) or, with {@code withResponse} false, a write command (no confirmation).
   */
  Future<Void> write(
      String deviceMac, GattCharacteristic characteristic, byte[] value, boolean withResponse);

  /** Turns notifications of a characteristic on or off (its CCCD) over an open connection. */
  Future<Void> notifications(String deviceMac, GattCharacteristic characteristic, boolean on);

  /** Starts or stops scanning; advertisements seen while scanning reach the listeners. */
  Future<Void> scanning(boolean on);

  /** Adds a listener for notifications, advertisements and connection changes. */
  void listen(BleListener listener);
}
