package org.nipcgateway.radio.ble;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.freedesktop.dbus.DBusPath;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;

/**
 * A device's resolved GATT database as BlueZ exports it (services under the device's path, their
 * characteristics and descriptors, linked by {@code Device}, {@code Service} and {@code
 * Characteristic} properties), mapped to the SPI's service map.
 */
final class BluezGatt {
  /** BlueZ's flag names the SPI knows; BlueZ spells write without response its own way. */
  private static final Map<String, String> FLAGS =
      Map.of(
          "read", "read",
          "write", "write",
          "write-without-response", "write-no-response",
          "notify", "notify",
          "indicate", "indicate");

  private final BluezTree tree;

  BluezGatt(BluezTree tree) {
    this.tree = tree;
  }

  List<GattService> services(String device, Set<String> wanted) {
    List<GattService> found = new ArrayList<>();
    for (String service : tree.find(BluezTree.SERVICE, p -> linked(p, "Device", device))) {
      String id = uuid(service, BluezTree.SERVICE);
      if (!wanted.isEmpty() && !wanted.contains(id)) {
        continue;
      }
      List<GattService.Characteristic> characteristics = new ArrayList<>();
      for (String c : tree.find(BluezTree.CHARACTERISTIC, p -> linked(p, "Service", service))) {
        Map<String, Object> properties = tree.properties(c, BluezTree.CHARACTERISTIC).orElseThrow();
        List<String> flags =
            BluezAdvertisements.strings(properties.get("Flags")).stream()
                .filter(FLAGS::containsKey)
                .map(FLAGS::get)
                .toList();
        List<String> descriptors =
            tree.find(BluezTree.DESCRIPTOR, p -> linked(p, "Characteristic", c)).stream()
                .map(d -> uuid(d, BluezTree.DESCRIPTOR))
                .toList();
        characteristics.add(
            new GattService.Characteristic(uuid(c, BluezTree.CHARACTERISTIC), flags, descriptors));
      }
      found.add(new GattService(id, characteristics));
    }
    return found;
  }

  /** The object path of a characteristic of the device. */
  Optional<String> characteristic(String device, GattCharacteristic id) {
    for (String service : tree.find(BluezTree.SERVICE, p -> linked(p, "Device", device))) {
      if (uuid(service, BluezTree.SERVICE).equals(id.serviceId())) {
        for (String c : tree.find(BluezTree.CHARACTERISTIC, p -> linked(p, "Service", service))) {
          if (uuid(c, BluezTree.CHARACTERISTIC).equals(id.characteristicId())) {
            return Optional.of(c);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The device and characteristic id of a characteristic's object path. */
  Optional<GattCharacteristic> idOf(String characteristic) {
    return tree.properties(characteristic, BluezTree.CHARACTERISTIC)
        .flatMap(
            p ->
                p.get("Service") instanceof DBusPath service
                    ? Optional.of(
                        new GattCharacteristic(
                            uuid(service.getPath(), BluezTree.SERVICE),
                            BleUuids.canonical(String.valueOf(p.get("UUID")))))
                    : Optional.empty());
  }

  private String uuid(String path, String iface) {
    return tree.properties(path, iface)
        .map(p -> BleUuids.canonical(String.valueOf(p.get("UUID"))))
        .orElse("");
  }

  private static boolean linked(Map<String, Object> properties, String key, String path) {
    return properties.get(key) instanceof DBusPath linked && linked.getPath().equals(path);
  }
}
