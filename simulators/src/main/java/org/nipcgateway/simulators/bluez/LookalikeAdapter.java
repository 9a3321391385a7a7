package org.nipcgateway.simulators.bluez;

import java.util.List;
import java.util.Map;
import org.bluez.Adapter1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/**
 * The adapter ({@code /org/bluez/hci0}): powered, discovering on request; while discovering its
 * devices advertise (through {@link BluezLookalike}).
 */
final class LookalikeAdapter extends BluezObject implements Adapter1 {
  private final BluezLookalike lookalike;

  LookalikeAdapter(String path, String address, String name, BluezLookalike lookalike) {
    super(path, "org.bluez.Adapter1", lookalike::send);
    this.lookalike = lookalike;
    initial("Address", new Variant<>(address));
    initial("AddressType", new Variant<>("public"));
    initial("Name", new Variant<>(name));
    initial("Alias", new Variant<>(name));
    initial("Powered", new Variant<>(true));
    initial("Discoverable", new Variant<>(false));
    initial("Pairable", new Variant<>(true));
    initial("Discovering", new Variant<>(false));
    initial("UUIDs", new Variant<>(List.of(), "as"));
    initial("Roles", new Variant<>(List.of("central", "peripheral"), "as"));
  }

  boolean powered() {
    return Boolean.TRUE.equals(value("Powered"));
  }

  @Override
  void set(String name, Object value) {
    if (!name.equals("Powered") || !(value instanceof Boolean on)) {
      super.set(name, value);
      return;
    }
    if (!on) {
      lookalike.poweredOff();
    }
    change("Powered", new Variant<>(on));
  }

  @Override
  public void StartDiscovery() {
    if (!powered()) {
      throw BluezErrors.notReady("Resource Not Ready");
    }
    if (Boolean.TRUE.equals(value("Discovering"))) {
      throw BluezErrors.error("InProgress", "Operation already in progress");
    }
    change("Discovering", new Variant<>(true));
    lookalike.discovering(true);
  }

  @Override
  public void StopDiscovery() {
    if (!Boolean.TRUE.equals(value("Discovering"))) {
      throw BluezErrors.failed("No discovery started");
    }
    lookalike.discovering(false);
    change("Discovering", new Variant<>(false));
  }

  @Override
  public void RemoveDevice(DBusPath device) {
    throw BluezErrors.notSupported("the look-alike keeps its devices");
  }

  @Override
  public void SetDiscoveryFilter(Map<String, Variant<?>> filter) {
    if (!powered()) {
      throw BluezErrors.notReady("Resource Not Ready");
    }
    lookalike.discoveryFilter(filter);
  }

  @Override
  public String[] GetDiscoveryFilters() {
    return new String[] {"UUIDs", "RSSI", "Pathloss", "Transport", "DuplicateData", "Discoverable"};
  }

  @Override
  public DBusPath ConnectDevice(Map<String, Variant<?>> properties) {
    throw BluezErrors.notSupported("ConnectDevice is experimental in BlueZ");
  }
}
