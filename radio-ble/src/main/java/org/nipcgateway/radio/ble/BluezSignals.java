package org.nipcgateway.radio.ble;

import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * What bluetoothd's signals mean for the radio, on dbus-java's signal thread in the order it sent
 * them: the tree kept current, connection changes, notifications ({@code Value} while {@code
 * Notifying}), advertisements while scanning, and the adapter or bluetoothd leaving and returning.
 */
final class BluezSignals implements BluezBus.Events {

  /** What the signals ask of the radio's lifecycle. */
  interface Lifecycle {
    /** The adapter, bluetoothd or the bus went away: the radio goes down. */
    void goDown(String why);

    /** bluetoothd stopped or started: it knows our agent no more. */
    void agentForgotten();
  }

  private final BluezSession session;
  private final BluezTree tree;
  private final BluezGatt gatt;
  private final BluezDevices devices;
  private final BluezConnections connections;
  private final BluezScanner scanner;
  private final BluezRecovery recovery;
  private final Lifecycle lifecycle;

  BluezSignals(
      BluezSession session,
      BluezTree tree,
      BluezGatt gatt,
      BluezDevices devices,
      BluezConnections connections,
      BluezScanner scanner,
      BluezRecovery recovery,
      Lifecycle lifecycle) {
    this.session = session;
    this.tree = tree;
    this.gatt = gatt;
    this.devices = devices;
    this.connections = connections;
    this.scanner = scanner;
    this.recovery = recovery;
    this.lifecycle = lifecycle;
  }

  @Override
  public void propertiesChanged(Properties.PropertiesChanged signal) {
    String path = signal.getPath();
    if (!path.startsWith("/org/bluez/")) {
      return;
    }
    Map<String, Variant<?>> changed = signal.getPropertiesChanged();
    tree.changed(path, signal.getInterfaceName(), changed, signal.getPropertiesRemoved());
    switch (signal.getInterfaceName()) {
      case BluezTree.ADAPTER -> {
        if (path.equals(session.adapterPath()) && changed.containsKey("Powered")) {
          if (Boolean.TRUE.equals(changed.get("Powered").getValue())) {
            recovery.start();
          } else {
            lifecycle.goDown("the adapter was powered off");
            recovery.start();
          }
        }
      }
      case BluezTree.DEVICE -> deviceChanged(path, changed);
      case BluezTree.CHARACTERISTIC -> {
        if (changed.containsKey("Value")
            && tree.flag(path, BluezTree.CHARACTERISTIC, "Notifying")) {
          notified(path, BluezValues.bytes(changed.get("Value")));
        }
      }
      default -> {}
    }
  }

  private void deviceChanged(String path, Map<String, Variant<?>> changed) {
    Optional<Map<String, Object>> device = tree.properties(path, BluezTree.DEVICE);
    Optional<BleAddress> known = devices.addressOf(path);
    if (device.isEmpty() || known.isEmpty()) {
      return;
    }
    if (changed.containsKey("Connected")) {
      connections.connectedChanged(
          path, known.get(), Boolean.TRUE.equals(changed.get("Connected").getValue()));
    }
    if (scanner.on() && BluezAdvertisements.advertised(changed)) {
      BluezAdvertisements.of(device.get()).ifPresent(ad -> session.emit(l -> l.advertisement(ad)));
    }
  }

  private void notified(String characteristic, byte[] value) {
    String device = characteristic.substring(0, characteristic.indexOf("/service"));
    Optional<GattCharacteristic> id = gatt.idOf(characteristic);
    Optional<BleAddress> from = devices.addressOf(device);
    if (id.isPresent() && from.isPresent()) {
      session.emit(l -> l.notification(from.get(), id.get(), value.clone(), false));
    }
  }

  @Override
  public void interfacesAdded(ObjectManager.InterfacesAdded signal) {
    // dbus-java names the object the signal is about its "signal source" (getObjectPath is "/")
    String path = signal.getSignalSource().getPath();
    tree.added(path, signal.getInterfaces());
    if (signal.getInterfaces().containsKey(BluezTree.ADAPTER) && !session.up()) {
      recovery.start();
    }
    if (scanner.on() && signal.getInterfaces().containsKey(BluezTree.DEVICE)) {
      tree.properties(path, BluezTree.DEVICE)
          .flatMap(BluezAdvertisements::of)
          .ifPresent(ad -> session.emit(l -> l.advertisement(ad)));
    }
  }

  @Override
  public void interfacesRemoved(ObjectManager.InterfacesRemoved signal) {
    // dbus-java names the object the signal is about its "signal source" (getObjectPath is "/")
    String path = signal.getSignalSource().getPath();
    if (signal.getInterfaces().contains(BluezTree.DEVICE)) {
      devices.addressOf(path).ifPresent(connections::removed);
      devices.removed(path);
    }
    tree.removed(path, signal.getInterfaces());
    if (path.equals(session.adapterPath()) && signal.getInterfaces().contains(BluezTree.ADAPTER)) {
      lifecycle.goDown("the adapter was removed");
    }
  }

  /**
   * bluetoothd stopped (or crashed) or started again. Gone, its objects and our agent went with it:
   * the radio goes down. Back, the driver reads its objects, registers the agent and powers the
   * adapter as at start ({@link BluezBleRadio#bringUp}).
   */
  @Override
  public void bluezOwnerChanged(boolean present) {
    lifecycle.agentForgotten();
    if (!present) {
      lifecycle.goDown("bluetoothd left the bus");
      tree.clear();
    }
    recovery.start();
  }

  @Override
  public void lost() {
    lifecycle.goDown("the D-Bus connection was lost");
    tree.clear();
    recovery.start();
  }
}
