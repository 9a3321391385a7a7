package org.nipcgateway.simulators.bluez;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * One object of the look-alike's tree: its path, the properties of the BlueZ interface it offers,
 * and {@code org.freedesktop.DBus.Properties} over them with {@code PropertiesChanged} on every
 * change, as bluetoothd does.
 */
abstract class BluezObject implements Properties {
  private final String path;
  private final String interfaceName;
  private final Signals signals;
  private final Map<String, Variant<?>> properties = new LinkedHashMap<>();

  /** Where an object sends its signals (the look-alike's bus connection). */
  interface Signals {
    void send(org.freedesktop.dbus.messages.DBusSignal signal);
  }

  BluezObject(String path, String interfaceName, Signals signals) {
    this.path = path;
    this.interfaceName = interfaceName;
    this.signals = signals;
  }

  @Override
  public String getObjectPath() {
    return path;
  }

  String interfaceName() {
    return interfaceName;
  }

  /** Sets a property without a signal: while the object is built, before it is announced. */
  final synchronized void initial(String name, Variant<?> value) {
    properties.put(name, value);
  }

  /** Changes properties and announces them. */
  final void change(Map<String, Variant<?>> changed) {
    synchronized (this) {
      properties.putAll(changed);
    }
    try {
      signals.send(
          new PropertiesChanged(path, interfaceName, new LinkedHashMap<>(changed), List.of()));
    } catch (DBusException e) {
      throw new IllegalStateException("cannot build PropertiesChanged for " + path, e);
    }
  }

  final void change(String name, Variant<?> value) {
    change(Map.of(name, value));
  }

  final synchronized Object value(String name) {
    Variant<?> value = properties.get(name);
    return value == null ? null : value.getValue();
  }

  /**
   * This object's interfaces and properties, as GetManagedObjects and InterfacesAdded show them.
   */
  final synchronized Map<String, Map<String, Variant<?>>> interfaces() {
    return Map.of(interfaceName, new LinkedHashMap<>(properties));
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <A> A Get(String iface, String name) {
    Variant<?> value = iface.equals(interfaceName) ? properties.get(name) : null;
    if (value == null) {
      throw BluezErrors.invalidArguments("no property " + iface + "." + name);
    }
    return (A) value;
  }

  @Override
  public <A> void Set(String iface, String name, A value) {
    if (!iface.equals(interfaceName)) {
      throw BluezErrors.invalidArguments("no interface " + iface);
    }
    Object plain = value instanceof Variant<?> variant ? variant.getValue() : value;
    set(name, plain);
  }

  /** A property written by a client; read-only unless a subclass allows it. */
  void set(String name, Object value) {
    throw BluezErrors.notPermitted("property " + name + " is read-only");
  }

  @Override
  public synchronized Map<String, Variant<?>> GetAll(String iface) {
    return iface.equals(interfaceName) ? new LinkedHashMap<>(properties) : Map.of();
  }
}
