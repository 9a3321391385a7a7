package org.nipcgateway.radio.ble;

import java.util.Map;
import org.bluez.LEAdvertisement1;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * One transmission as the object bluetoothd reads it: an {@code org.bluez.LEAdvertisement1} on the
 * driver's bus connection whose properties ({@code Properties.GetAll}) say what to advertise.
 * bluetoothd calls {@link #Release()} when it drops the advertisement itself; dbus-java runs that
 * on one of its method-call threads.
 */
final class BluezAdvertisement implements LEAdvertisement1, Properties {
  static final String INTERFACE = "org.bluez.LEAdvertisement1";

  private final String path;
  private final Map<String, Variant<?>> properties;
  private final Runnable released;

  BluezAdvertisement(String path, Map<String, Variant<?>> properties, Runnable released) {
    this.path = path;
    this.properties = Map.copyOf(properties);
    this.released = released;
  }

  @Override
  public void Release() {
    released.run();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> A Get(String iface, String name) {
    Variant<?> value = INTERFACE.equals(iface) ? properties.get(name) : null;
    if (value == null) {
      throw new DBusExecutionException("no property " + iface + "." + name);
    }
    return (A) value;
  }

  @Override
  public <A> void Set(String iface, String name, A value) {
    throw new DBusExecutionException("the advertisement's properties are read-only");
  }

  @Override
  public Map<String, Variant<?>> GetAll(String iface) {
    return INTERFACE.equals(iface) ? properties : Map.of();
  }

  @Override
  public String getObjectPath() {
    return path;
  }
}
