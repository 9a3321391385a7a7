package org.nipcgateway.radio.ble;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * The driver's connection to the bus bluetoothd is on, and its signal subscriptions ({@code
 * PropertiesChanged}, {@code InterfacesAdded}, {@code InterfacesRemoved}, and the bus's {@code
 * NameOwnerChanged} for {@code org.bluez}, which tells bluetoothd stopping and starting). Signals
 * are handled on one dbus-java thread, in the order bluetoothd sent them.
 */
final class BluezBus implements AutoCloseable {
  static final String BLUEZ = "org.bluez";

  /** What the driver does with bluetoothd's signals and with a lost connection. */
  interface Events {
    void propertiesChanged(Properties.PropertiesChanged signal);

    void interfacesAdded(ObjectManager.InterfacesAdded signal);

    void interfacesRemoved(ObjectManager.InterfacesRemoved signal);

    /** bluetoothd left the bus ({@code present} false: it stopped or crashed) or took it again. */
    void bluezOwnerChanged(boolean present);

    void lost();
  }

  private final DBusConnection connection;

  private BluezBus(DBusConnection connection) {
    this.connection = connection;
  }

  /** Connects (blocking) to {@code address}, or to the system bus when it is null. */
  static BluezBus open(String address, Events events) throws DBusException {
    DBusConnectionBuilder builder =
        address == null
            ? DBusConnectionBuilder.forSystemBus()
            : DBusConnectionBuilder.forAddress(address);
    DBusConnection connection =
        builder
            .withShared(false)
            .withDisconnectCallback(
                new IDisconnectCallback() {
                  @Override
                  public void disconnectOnError(IOException e) {
                    events.lost();
                  }

                  @Override
                  public void exceptionOnTerminate(IOException e) {
                    events.lost();
                  }
                })
            .receivingThreadConfig()
            .withSignalThreadCount(1)
            .withMethodCallThreadCount(2)
            .connectionConfig()
            .build();
    connection.addSigHandler(Properties.PropertiesChanged.class, events::propertiesChanged);
    connection.addSigHandler(ObjectManager.InterfacesAdded.class, events::interfacesAdded);
    connection.addSigHandler(ObjectManager.InterfacesRemoved.class, events::interfacesRemoved);
    connection.addSigHandler(
        DBus.NameOwnerChanged.class,
        signal -> {
          if (BLUEZ.equals(signal.name)) {
            // A new owner straight after another is a restart too: gone, then back.
            if (!signal.oldOwner.isEmpty()) {
              events.bluezOwnerChanged(false);
            }
            if (!signal.newOwner.isEmpty()) {
              events.bluezOwnerChanged(true);
            }
          }
        });
    return new BluezBus(connection);
  }

  /** bluetoothd's object; its calls wait for an answer up to dbus-java's reply time-out. */
  <T extends DBusInterface> T object(String path, Class<T> type) throws DBusException {
    return connection.getRemoteObject(BLUEZ, path, type);
  }

  /** bluetoothd's object; its calls wait for an answer until {@code deadline}, no longer. */
  <T extends DBusInterface> T object(String path, Class<T> type, BluezDeadline deadline)
      throws DBusException {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            new BluezBoundedObject(connection, object(path, type), deadline)));
  }

  Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() throws DBusException {
    return object("/", ObjectManager.class).GetManagedObjects();
  }

  void export(DBusInterface object) throws DBusException {
    connection.exportObject(object.getObjectPath(), object);
  }

  /** Takes an exported object off the bus; nothing when it is not (or no longer) exported. */
  void unexport(String path) {
    connection.unExportObject(path);
  }

  boolean connected() {
    return connection.isConnected();
  }

  @Override
  public void close() {
    connection.disconnect();
  }
}
