package org.nipcgateway.simulators.bluez;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;

/** {@code /}: bluetoothd's object manager, listing every adapter, device and GATT object. */
final class LookalikeRoot implements ObjectManager {
  private final BluezLookalike lookalike;

  LookalikeRoot(BluezLookalike lookalike) {
    this.lookalike = lookalike;
  }

  @Override
  public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
    return lookalike.managedObjects();
  }

  @Override
  public String getObjectPath() {
    return "/";
  }
}
