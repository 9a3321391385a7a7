package org.nipcgateway.simulators.bluez;

import java.util.List;
import org.bluez.GattService1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleUuids;

/** A primary GATT service of a peripheral ({@code …/dev_XX/serviceNNNN}). */
final class LookalikeGattService extends BluezObject implements GattService1 {
  LookalikeGattService(String path, String uuid, String device, Signals signals) {
    super(path, "org.bluez.GattService1", signals);
    initial("UUID", new Variant<>(BleUuids.full(uuid)));
    initial("Device", new Variant<>(new DBusPath(device)));
    initial("Primary", new Variant<>(true));
    initial("Includes", new Variant<>(List.of(), "ao"));
  }
}
