package org.nipcgateway.radio.ble;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/**
 * bluetoothd's object tree as the driver last heard it: object path, then interface, then property
 * values (unwrapped from their variants). Loaded with {@code GetManagedObjects} and kept current
 * from {@code InterfacesAdded}, {@code InterfacesRemoved} and {@code PropertiesChanged}, so that
 * lookups cost no D-Bus round trip. Workers may {@link #await} a change.
 */
final class BluezTree {
  static final String ADAPTER = "org.bluez.Adapter1";
  static final String DEVICE = "org.bluez.Device1";
  static final String SERVICE = "org.bluez.GattService1";
  static final String CHARACTERISTIC = "org.bluez.GattCharacteristic1";
  static final String DESCRIPTOR = "org.bluez.GattDescriptor1";

  private final Map<String, Map<String, Map<String, Object>>> objects = new HashMap<>();

  synchronized void load(Map<DBusPath, Map<String, Map<String, Variant<?>>>> managed) {
    objects.clear();
    managed.forEach((path, interfaces) -> added(path.getPath(), interfaces));
  }

  synchronized void added(String path, Map<String, Map<String, Variant<?>>> interfaces) {
    Map<String, Map<String, Object>> object = objects.computeIfAbsent(path, p -> new HashMap<>());
    interfaces.forEach(
        (name, properties) ->
            object.computeIfAbsent(name, n -> new HashMap<>()).putAll(plain(properties)));
    notifyAll();
  }

  synchronized void removed(String path, List<String> interfaces) {
    Map<String, Map<String, Object>> object = objects.get(path);
    if (object != null) {
      interfaces.forEach(object::remove);
      if (object.isEmpty()) {
        objects.remove(path);
      }
    }
    notifyAll();
  }

  synchronized void changed(
      String path, String iface, Map<String, Variant<?>> changed, List<String> gone) {
    Map<String, Object> properties = objects.computeIfAbsent(path, p -> new HashMap<>()).get(iface);
    if (properties == null) {
      return; // a change for an object we have not heard of: its InterfacesAdded will carry it
    }
    properties.putAll(plain(changed));
    gone.forEach(properties::remove);
    notifyAll();
  }

  synchronized void clear() {
    objects.clear();
    notifyAll();
  }

  synchronized boolean has(String path, String iface) {
    Map<String, Map<String, Object>> object = objects.get(path);
    return object != null && object.containsKey(iface);
  }

  /** A copy of an object's properties for one interface. */
  synchronized Optional<Map<String, Object>> properties(String path, String iface) {
    Map<String, Map<String, Object>> object = objects.get(path);
    return object == null || !object.containsKey(iface)
        ? Optional.empty()
        : Optional.of(Map.copyOf(object.get(iface)));
  }

  synchronized boolean flag(String path, String iface, String name) {
    return properties(path, iface).map(p -> Boolean.TRUE.equals(p.get(name))).orElse(false);
  }

  /** The paths of objects with this interface whose properties match, in path order. */
  synchronized List<String> find(String iface, Predicate<Map<String, Object>> matching) {
    List<String> found = new ArrayList<>();
    objects.forEach(
        (path, object) -> {
          Map<String, Object> properties = object.get(iface);
          if (properties != null && matching.test(properties)) {
            found.add(path);
          }
        });
    found.sort(null);
    return found;
  }

  /** Waits until the condition holds over the tree or the time is up; whether it held. */
  synchronized boolean await(Predicate<BluezTree> condition, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.test(this)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> plain(Map<String, Variant<?>> properties) {
    Map<String, Object> values = new HashMap<>();
    properties.forEach((name, value) -> values.put(name, value.getValue()));
    return values;
  }
}
