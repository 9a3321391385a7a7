package org.nipcgateway.core.events;

import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeAttribute;

/**
 * Something a radio reported on its own, as events carry it: the payload and where it came from
 * (which the data-subscription encoding needs, draft-ietf-asdf-nipc "Publish/Subscribe Interface").
 */
public sealed interface RadioSignal {

  /** The signal's payload bytes. */
  byte[] data();

  /** A GATT notification. */
  record BleNotification(String mac, GattCharacteristic characteristic, byte[] data)
      implements RadioSignal {}

  /** An advertisement seen while scanning. */
  record BleAdvertisement(String mac, int rssi, byte[] data) implements RadioSignal {}

  /** A BLE link opened or closed; the payload is one byte, 1 for connected. */
  record BleConnection(String mac, boolean connected) implements RadioSignal {
    @Override
    public byte[] data() {
      return new byte[] {(byte) (connected ? 1 : 0)};
    }
  }

  /** A Zigbee attribute report. */
  record ZigbeeReport(String eui64, ZigbeeAttribute attribute, byte[] data)
      implements RadioSignal {}
}
