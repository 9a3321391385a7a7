package org.nipcgateway.simulators.bluez;

import java.util.List;
import java.util.Map;
import org.bluez.Adapter1;
import org.bluez.LEAdvertisingManager1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;

/**
 * The adapter ({@code /org/bluez/hci0}): powered, discovering on request; while discovering its
 * devices advertise (through {@link BluezLookalike}). As {@code LEAdvertisingManager1} it takes the
 * advertisements of clients, reading their objects' properties as bluetoothd does.
 */
final class LookalikeAdapter extends BluezObject implements Adapter1, LEAdvertisingManager1 {
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
    lookalike.advertisements().describe(this);
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

  @Override
  public void RegisterAdvertisement(DBusPath advertisement, Map<String, Variant<?>> options) {
    String owner = AbstractConnectionBase.getCallInfo().getSource();
    Map<String, Variant<?>> properties;
    try {
      properties = lookalike.advertisementOf(owner, advertisement.getPath());
    } catch (DBusException | RuntimeException e) {
      throw BluezErrors.failed("Failed to read the advertisement: " + e.getMessage());
    }
    LookalikeAdvertising advertisements = lookalike.advertisements();
    advertisements.register(LookalikeAdvertisement.of(owner, advertisement.getPath(), properties));
    advertisingChanged(advertisements.activeCount());
  }

  @Override
  public void UnregisterAdvertisement(DBusPath advertisement) {
    String owner = AbstractConnectionBase.getCallInfo().getSource();
    LookalikeAdvertising advertisements = lookalike.advertisements();
    advertisements.unregister(owner, advertisement.getPath());
    advertisingChanged(advertisements.activeCount());
  }

  void advertisingChanged(int active) {
    change(LookalikeAdvertising.MANAGER, Map.of("ActiveInstances", new Variant<>((byte) active)));
  }
}
