package org.nipcgateway.simulators.bluez;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * One object of the look-alike's tree: its path, the properties of the BlueZ interfaces it offers
 * (its main one, and others on the same path as bluetoothd puts {@code LEAdvertisingManager1} on
 * the adapter), and {@code org.freedesktop.DBus.Properties} over them with {@code
 * PropertiesChanged} on every change, as bluetoothd does.
 */
abstract class BluezObject implements Properties {
  private final String path;
  private final String interfaceName;
  private final Signals signals;
  private final Map<String, Map<String, Variant<?>>> byInterface = new LinkedHashMap<>();

  /** Where an object sends its signals (the look-alike's bus connection). */
  interface Signals {
    void send(org.freedesktop.dbus.messages.DBusSignal signal);
  }

  BluezObject(String path, String interfaceName, Signals signals) {
    this.path = path;
    this.interfaceName = interfaceName;
    this.signals = signals;
    byInterface.put(interfaceName, new LinkedHashMap<>());
  }

  @Override
  public String getObjectPath() {
    return path;
  }

  String interfaceName() {
    return interfaceName;
  }

  /** Sets a property without a signal: while the object is built, before it is announced. */
  final void initial(String name, Variant<?> value) {
    initial(interfaceName, name, value);
  }

  /** Sets a property of another interface on this path (which it then offers) without a signal. */
  final synchronized void initial(String iface, String name, Variant<?> value) {
    byInterface.computeIfAbsent(iface, i -> new LinkedHashMap<>()).put(name, value);
  }

  /** Changes properties and announces them. */
  final void change(Map<String, Variant<?>> changed) {
    change(interfaceName, changed);
  }

  /** Changes properties of one of the object's interfaces and announces them. */
  final void change(String iface, Map<String, Variant<?>> changed) {
    synchronized (this) {
      byInterface.computeIfAbsent(iface, i -> new LinkedHashMap<>()).putAll(changed);
    }
    try {
      signals.send(new PropertiesChanged(path, iface, new LinkedHashMap<>(changed), List.of()));
    } catch (DBusException e) {
      throw new IllegalStateException("cannot build PropertiesChanged for " + path, e);
    }
  }

  final void change(String name, Variant<?> value) {
    change(Map.of(name, value));
  }

  final synchronized Object value(String name) {
    Variant<?> value = byInterface.get(interfaceName).get(name);
    return value == null ? null : value.getValue();
  }

  /**
   * This object's interfaces and properties, as GetManagedObjects and InterfacesAdded show them.
   */
  final synchronized Map<String, Map<String, Variant<?>>> interfaces() {
    Map<String, Map<String, Variant<?>>> copy = new LinkedHashMap<>();
    byInterface.forEach((iface, properties) -> copy.put(iface, new LinkedHashMap<>(properties)));
    return copy;
  }

  /** The interfaces this object offers, as InterfacesRemoved names them. */
  final synchronized List<String> interfaceNames() {
    return List.copyOf(byInterface.keySet());
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <A> A Get(String iface, String name) {
    Map<String, Variant<?>> properties = byInterface.get(iface);
    Variant<?> value = properties == null ? null : properties.get(name);
    if (value == null) {
      throw BluezErrors.invalidArguments("no property " + iface + "." + name);
    }
    return (A) value;
  }

  @Override
  public <A> void Set(String iface, String name, A value) {
    if (!iface.equals(interfaceName)) {
      throw BluezErrors.invalidArguments("no writable property on " + iface);
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
    Map<String, Variant<?>> properties = byInterface.get(iface);
    return properties == null ? Map.of() : new LinkedHashMap<>(properties);
  }
}
