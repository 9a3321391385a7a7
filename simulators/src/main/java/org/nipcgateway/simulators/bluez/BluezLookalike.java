package org.nipcgateway.simulators.bluez;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bluez.Agent1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.simulators.bluez.PeripheralSpec.CharacteristicSpec;

/**
 * A BlueZ look-alike on a D-Bus bus: it owns {@code org.bluez} and exports what bluetoothd exports
 * for one adapter and the peripherals in its range (object manager at {@code /}, {@code
 * AgentManager1} at {@code /org/bluez}, {@code Adapter1}, {@code Device1}, {@code GattService1},
 * {@code GattCharacteristic1}, {@code GattDescriptor1}, {@code LEAdvertisingManager1} on the
 * adapter, with {@code PropertiesChanged} and {@code InterfacesAdded}/{@code InterfacesRemoved}),
 * so that a BlueZ driver runs its real D-Bus code against it. Its peripherals act on their own
 * through {@link #change}, {@link #dropLink}; the adapter can be {@link #removeAdapter() removed}
 * and {@link #returnAdapter() returned}, and bluetoothd itself {@link #stopBluetoothd() stopped}
 * and {@link #startBluetoothd() started}.
 */
public final class BluezLookalike implements AutoCloseable {
  private static final String BUS_NAME = "org.bluez";

  /**
   * The adapter: its name ({@code hci0}), address, connection slots, the interval its peripherals
   * advertise at, and how many advertising sets of its own it can send at once ({@code
   * SupportedInstances}; 5, as Linux rotates them in software, unless given).
   */
  public record Adapter(
      String name,
      String address,
      int slots,
      long advertisingIntervalMillis,
      int advertisingInstances) {
    public Adapter(String name, String address, int slots, long advertisingIntervalMillis) {
      this(name, address, slots, advertisingIntervalMillis, 5);
    }

    public static Adapter standard(int slots) {
      return new Adapter("hci0", "00:1A:7D:DA:71:13", slots, 1000);
    }
  }

  private final DBusConnection connection;
  private final Adapter settings;
  private final String adapterPath;
  private final LookalikeFaults faults = new LookalikeFaults();
  private final LookalikeAgentManager agents = new LookalikeAgentManager();
  private final Map<BleAddress, LookalikeDevice> devices = new LinkedHashMap<>();
  private final List<BluezObject> objects = new ArrayList<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "bluez-lookalike-advertising");
            thread.setDaemon(true);
            return thread;
          });
  private final LookalikeAdvertising advertisements;
  private final LookalikeAdapter adapter;
  private ScheduledFuture<?> advertising;
  private boolean present = true;
  private boolean running = true;
  private Map<String, Variant<?>> filter = Map.of();

  private BluezLookalike(DBusConnection connection, Adapter settings, List<PeripheralSpec> fleet) {
    this.connection = connection;
    this.settings = settings;
    this.adapterPath = "/org/bluez/" + settings.name();
    this.advertisements = new LookalikeAdvertising(settings.advertisingInstances());
    this.adapter = new LookalikeAdapter(adapterPath, settings.address(), settings.name(), this);
    objects.add(adapter);
    for (PeripheralSpec peripheral : fleet) {
      build(peripheral);
    }
  }

  /** Connects to the bus at {@code busAddress}, exports the tree and takes {@code org.bluez}. */
  public static BluezLookalike start(String busAddress, Adapter adapter, List<PeripheralSpec> fleet)
      throws DBusException {
    DBusConnection connection =
        DBusConnectionBuilder.forAddress(busAddress)
            .withShared(false)
            .receivingThreadConfig()
            .withMethodCallThreadCount(8)
            .connectionConfig()
            .build();
    BluezLookalike lookalike = new BluezLookalike(connection, adapter, fleet);
    connection.exportObject("/", new LookalikeRoot(lookalike));
    connection.exportObject("/org/bluez", lookalike.agents);
    for (BluezObject object : lookalike.objects) {
      connection.exportObject(object.getObjectPath(), object);
    }
    connection.requestBusName(BUS_NAME);
    return lookalike;
  }

  private void build(PeripheralSpec peripheral) {
    String path =
        adapterPath
            + "/dev_"
            + peripheral.address().toString().replace(':', '_').toUpperCase(Locale.ROOT);
    LookalikeDevice device = new LookalikeDevice(path, adapterPath, peripheral, this);
    devices.put(peripheral.address(), device);
    objects.add(device);
    int handle = 1;
    Map<String, String> services = new LinkedHashMap<>();
    for (CharacteristicSpec c : peripheral.characteristics()) {
      String service = services.get(c.id().serviceId());
      if (service == null) {
        service = String.format(Locale.ROOT, "%s/service%04x", path, handle++);
        services.put(c.id().serviceId(), service);
        objects.add(new LookalikeGattService(service, c.id().serviceId(), path, this::send));
      }
      String charPath = String.format(Locale.ROOT, "%s/char%04x", service, handle++);
      LookalikeCharacteristic characteristic =
          new LookalikeCharacteristic(charPath, service, c, device, this::send);
      device.add(c.id(), characteristic);
      objects.add(characteristic);
      List<String> descriptors = new ArrayList<>(c.descriptors());
      if (c.notifies() && !descriptors.contains("2902")) {
        descriptors.add("2902");
      }
      for (String descriptor : descriptors) {
        String descPath = String.format(Locale.ROOT, "%s/desc%04x", charPath, handle++);
        objects.add(new LookalikeDescriptor(descPath, descriptor, charPath, this::send));
      }
    }
  }

  /**
   * The peripheral changes a characteristic's value itself, notifying when notifications are on.
   */
  public void change(BleAddress peripheral, GattCharacteristic id, byte[] value) {
    characteristic(peripheral, id).peripheralChanges(value);
  }

  /** The value the peripheral holds now. */
  public byte[] value(BleAddress peripheral, GattCharacteristic id) {
    return characteristic(peripheral, id).held();
  }

  /** The peripheral drops the link (out of range, reset). */
  public void dropLink(BleAddress peripheral) {
    device(peripheral).dropLink();
  }

  /** Connections the adapter holds now. */
  public synchronized int slotsInUse() {
    return (int) devices.values().stream().filter(LookalikeDevice::connected).count();
  }

  public int slots() {
    return settings.slots();
  }

  public LookalikeFaults faults() {
    return faults;
  }

  /** The adapter is powered off (rfkill, a user): links drop, the adapter stays on the bus. */
  public void powerOff() {
    poweredOff();
    adapter.change("Powered", new Variant<>(false));
  }

  /** Whether the adapter is powered. */
  public boolean powered() {
    return adapter.powered();
  }

  /** The adapter is unplugged: links drop and every object under it leaves the bus. */
  public synchronized void removeAdapter() throws DBusException {
    if (!present) {
      return;
    }
    poweredOff();
    forgetSessions();
    advertisements.clear();
    present = false;
    List<BluezObject> reversed = new ArrayList<>(objects);
    java.util.Collections.reverse(reversed);
    for (BluezObject object : reversed) {
      connection.unExportObject(object.getObjectPath());
      send(
          new ObjectManager.InterfacesRemoved(
              "/", new DBusPath(object.getObjectPath()), object.interfaceNames()));
    }
  }

  /** The adapter is plugged in again: the adapter, its devices and their GATT caches return. */
  public synchronized void returnAdapter() throws DBusException {
    if (present) {
      return;
    }
    present = true;
    adapter.initial("Powered", new Variant<>(true));
    adapter.initial("Discovering", new Variant<>(false));
    adapter.initial(LookalikeAdvertising.MANAGER, "ActiveInstances", new Variant<>((byte) 0));
    for (BluezObject object : objects) {
      connection.exportObject(object.getObjectPath(), object);
      send(
          new ObjectManager.InterfacesAdded(
              "/", new DBusPath(object.getObjectPath()), object.interfaces()));
    }
  }

  /**
   * bluetoothd stops (or crashes): {@code org.bluez} leaves the bus, with no signal about its
   * objects, and calls to it fail as to any absent name. Links drop and registered agents are
   * forgotten; pairings survive, as bluetoothd keeps them on disk.
   */
  public synchronized void stopBluetoothd() throws DBusException {
    if (!running) {
      return;
    }
    running = false;
    connection.releaseBusName(BUS_NAME);
    poweredOff();
    forgetSessions();
    advertisements.clear();
    agents.forget();
  }

  /** bluetoothd starts again and takes {@code org.bluez}, with the same adapter and devices. */
  public synchronized void startBluetoothd() throws DBusException {
    if (running) {
      return;
    }
    connection.requestBusName(BUS_NAME);
    running = true;
  }

  /** The advertisements clients have registered and not yet unregistered. */
  public List<LookalikeAdvertisement> advertising() {
    return advertisements.active();
  }

  /** Every advertisement registered so far (the last 100), oldest first. */
  public List<LookalikeAdvertisement> advertised() {
    return advertisements.registered();
  }

  /**
   * bluetoothd removes every advertisement itself (as at the end of a {@code Timeout}) and tells
   * each client with {@code LEAdvertisement1.Release}. Blocking.
   */
  public void releaseAdvertisements() {
    List<LookalikeAdvertisement> released = advertisements.clear();
    adapter.advertisingChanged(0);
    for (LookalikeAdvertisement gone : released) {
      try {
        connection
            .getRemoteObject(gone.owner(), gone.path(), org.bluez.LEAdvertisement1.class)
            .Release();
      } catch (DBusException | RuntimeException e) {
        // the client left: nothing to tell
      }
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    connection.disconnect();
  }

  // What the exported objects use.

  LookalikeAgentManager agents() {
    return agents;
  }

  LookalikeAdvertising advertisements() {
    return advertisements;
  }

  /**
   * What a client's advertisement object holds ({@code Properties.GetAll}), as bluetoothd reads it.
   */
  Map<String, Variant<?>> advertisementOf(String owner, String path) throws DBusException {
    return connection
        .getRemoteObject(owner, path, org.freedesktop.dbus.interfaces.Properties.class)
        .GetAll("org.bluez.LEAdvertisement1");
  }

  Agent1 agentOf(LookalikeAgentManager.Agent agent) throws DBusException {
    return connection.getRemoteObject(agent.owner(), agent.path(), Agent1.class);
  }

  void send(DBusSignal signal) {
    connection.sendMessage(signal);
  }

  synchronized void poweredOff() {
    discovering(false);
    if (Boolean.TRUE.equals(adapter.value("Discovering"))) {
      adapter.change("Discovering", new Variant<>(false));
    }
    devices.values().forEach(LookalikeDevice::dropLink);
  }

  private void forgetSessions() {
    devices
        .values()
        .forEach(d -> d.characteristics().forEach(LookalikeCharacteristic::forgetSessions));
  }

  synchronized void discovering(boolean on) {
    if (on && advertising == null) {
      advertising =
          ticker.scheduleAtFixedRate(
              this::advertise, 0, settings.advertisingIntervalMillis(), TimeUnit.MILLISECONDS);
    } else if (!on && advertising != null) {
      advertising.cancel(false);
      advertising = null;
    }
  }

  ScheduledFuture<?> every(long millis, Runnable task) {
    return ticker.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  synchronized void discoveryFilter(Map<String, Variant<?>> filter) {
    this.filter = Map.copyOf(filter);
  }

  /** The transport the last discovery filter asked for ({@code auto} when none). */
  public synchronized String discoveryTransport() {
    Variant<?> transport = filter.get("Transport");
    return transport == null ? "auto" : String.valueOf(transport.getValue());
  }

  private void advertise() {
    List<LookalikeDevice> inRange;
    synchronized (this) {
      if (!present || advertising == null) {
        return;
      }
      inRange = List.copyOf(devices.values());
    }
    inRange.forEach(LookalikeDevice::advertised);
  }

  synchronized Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() {
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> tree = new LinkedHashMap<>();
    tree.put(
        new DBusPath("/org/bluez"),
        Map.of("org.bluez.AgentManager1", Map.<String, Variant<?>>of()));
    if (present) {
      for (BluezObject object : objects) {
        tree.put(new DBusPath(object.getObjectPath()), object.interfaces());
      }
    }
    return tree;
  }

  private LookalikeDevice device(BleAddress address) {
    LookalikeDevice device = devices.get(address);
    if (device == null) {
      throw new IllegalArgumentException("no peripheral " + address + " in the look-alike");
    }
    return device;
  }

  private LookalikeCharacteristic characteristic(BleAddress address, GattCharacteristic id) {
    return device(address)
        .characteristic(id)
        .orElseThrow(() -> new IllegalArgumentException(address + " has no characteristic " + id));
  }

  /** The addresses of the peripherals, for scripts that list what runs. */
  public Set<BleAddress> peripherals() {
    return new HashSet<>(devices.keySet());
  }

  /** Unused by tests, kept for scripts: an optional device by address. */
  Optional<LookalikeDevice> find(BleAddress address) {
    return Optional.ofNullable(devices.get(address));
  }
}
