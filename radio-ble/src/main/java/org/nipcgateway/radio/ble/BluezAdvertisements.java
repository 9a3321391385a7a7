package org.nipcgateway.radio.ble;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleAdvertisement;

/**
 * An advertisement from a {@code Device1}'s properties: BlueZ parses the AD structures itself and
 * shows only {@code RSSI}, {@code Name}, {@code ManufacturerData}, {@code ServiceData}, {@code
 * UUIDs} and {@code TxPower}, so the raw payload is rebuilt from those when events need it.
 */
final class BluezAdvertisements {
  private BluezAdvertisements() {}

  /** The advertisement a device's properties describe; empty when it carries no RSSI. */
  static Optional<BleAdvertisement> of(Map<String, Object> device) {
    if (!(device.get("RSSI") instanceof Number rssi)
        || !(device.get("Address") instanceof String a)) {
      return Optional.empty();
    }
    BleAddress address =
        BleAddress.parse(
            a,
            "random".equals(device.get("AddressType"))
                ? BleAddress.Type.RANDOM
                : BleAddress.Type.PUBLIC);
    Map<Integer, byte[]> manufacturer = new LinkedHashMap<>();
    if (device.get("ManufacturerData") instanceof Map<?, ?> data) {
      data.forEach((id, value) -> manufacturer.put(((Number) id).intValue(), bytes(value)));
    }
    Map<String, byte[]> service = new LinkedHashMap<>();
    if (device.get("ServiceData") instanceof Map<?, ?> data) {
      data.forEach((uuid, value) -> service.put(String.valueOf(uuid), bytes(value)));
    }
    OptionalInt txPower =
        device.get("TxPower") instanceof Number power
            ? OptionalInt.of(power.intValue())
            : OptionalInt.empty();
    return Optional.of(
        new BleAdvertisement(
            address,
            rssi.intValue(),
            Optional.ofNullable((String) device.get("Name")),
            manufacturer,
            service,
            strings(device.get("UUIDs")),
            txPower,
            Optional.empty()));
  }

  /** Whether a change is one bluetoothd makes when it receives an advertisement. */
  static boolean advertised(Map<String, Variant<?>> changed) {
    return changed.containsKey("RSSI")
        || changed.containsKey("ManufacturerData")
        || changed.containsKey("ServiceData")
        || changed.containsKey("TxPower");
  }

  private static byte[] bytes(Object value) {
    return BluezValues.bytes(value);
  }

  static List<String> strings(Object value) {
    List<String> list = new ArrayList<>();
    if (value instanceof Collection<?> items) {
      items.forEach(item -> list.add(String.valueOf(item)));
    } else if (value instanceof Object[] items) {
      for (Object item : items) {
        list.add(String.valueOf(item));
      }
    }
    return list;
  }
}
