package org.nipcgateway.core.radio;

/**
 * What a BLE radio reports without being asked. Called on an event loop; implementations must not
 * block.
 */
public interface BleListener {

  /** A characteristic with notifications on sent a value. */
  default void notification(String deviceMac, GattCharacteristic characteristic, byte[] value) {}

  /** An advertisement was seen while scanning. {@code data} is the raw advertising payload. */
  default void advertisement(String deviceMac, int rssi, byte[] data) {}

  /** A connection opened or closed, including a link the peripheral or the air dropped. */
  default void connectionChanged(String deviceMac, boolean connected) {}
}
