package org.nipcgateway.core.events;

import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeAttribute;

/**
 * Something a radio reported on its own, as events carry it: the payload and where it came from
 * (which the data-subscription encoding needs, draft-ietf-asdf-nipc "Publish/Subscribe Interface").
 */
public sealed interface RadioSignal {

  /** The signal's payload bytes. */
  byte[] data();

  /** A GATT notification (or indication). */
  record BleNotification(
      BleAddress mac, GattCharacteristic characteristic, byte[] data, boolean indication)
      implements RadioSignal {}

  /** An advertisement seen while scanning; the payload is its advertising data. */
  record BleAdvertisement(BleAddress mac, int rssi, byte[] data) implements RadioSignal {
    public static BleAdvertisement of(org.nipcgateway.core.radio.BleAdvertisement advertisement) {
      return new BleAdvertisement(
          advertisement.address(), advertisement.rssi(), advertisement.payload());
    }
  }

  /** A BLE link opened or closed; the payload is one byte, 1 for connected. */
  record BleConnection(BleAddress mac, boolean connected) implements RadioSignal {
    @Override
    public byte[] data() {
      return new byte[] {(byte) (connected ? 1 : 0)};
    }
  }

  /**
   * A Zigbee attribute report, or ({@code written}) a write of the attribute the node made to the
   * gateway of its own accord.
   */
  record ZigbeeReport(Eui64 eui64, ZigbeeAttribute attribute, byte[] data, boolean written)
      implements RadioSignal {}
}
