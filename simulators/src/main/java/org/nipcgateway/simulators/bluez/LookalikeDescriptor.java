package org.nipcgateway.simulators.bluez;

import java.util.Map;
import org.bluez.GattDescriptor1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleUuids;

/** A descriptor of a characteristic (its CCCD {@code 2902} among them). */
final class LookalikeDescriptor extends BluezObject implements GattDescriptor1 {
  LookalikeDescriptor(String path, String uuid, String characteristic, Signals signals) {
    super(path, "org.bluez.GattDescriptor1", signals);
    initial("UUID", new Variant<>(BleUuids.full(uuid)));
    initial("Characteristic", new Variant<>(new DBusPath(characteristic)));
    initial("Value", new Variant<>(new byte[0]));
  }

  @Override
  public byte[] ReadValue(Map<String, Variant<?>> options) {
    return (byte[]) value("Value");
  }

  @Override
  public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
    change("Value", new Variant<>(value.clone()));
  }
}
