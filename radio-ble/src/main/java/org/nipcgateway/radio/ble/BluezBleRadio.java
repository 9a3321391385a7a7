package org.nipcgateway.radio.ble;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bluez.Adapter1;
import org.bluez.AgentManager1;
import org.bluez.Device1;
import org.bluez.GattCharacteristic1;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.BleTransmission;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.core.radio.RadioState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BLE radio on one BlueZ adapter, over D-Bus. Every D-Bus call runs on the driver's {@link
 * BluezCalls} workers; lookups use the {@link BluezTree} that bluetoothd's signals keep current.
 * Connections it opens are reported when they are usable (connected, paired as needed, services
 * resolved); links that drop are reported from {@code Device1.Connected}. When the adapter leaves
 * (removed, powered off) or the bus connection is lost the radio goes {@code DOWN}, waiting calls
 * fail at once, and {@link BluezRecovery} brings it back.
 */
final class BluezBleRadio implements BleRadio, BluezBus.Events, BluezRecovery.Target {
  private static final Logger LOG = LoggerFactory.getLogger(BluezBleRadio.class);
  private static final String ADVERTISING = "org.bluez.LEAdvertisingManager1";

  /** How long a single transmission with no transmit time stays on the air. */
  static final long SINGLE_MILLIS = 1000;

  private final Vertx vertx;
  private final Context context;
  private final BluezSettings settings;
  private final BluezCalls calls;
  private final BluezTree tree = new BluezTree();
  private final BluezGatt gatt = new BluezGatt(tree);
  private final BluezAgent agent = new BluezAgent();
  private final BluezDevices devices = new BluezDevices(tree);
  private final List<BleListener> listeners = new CopyOnWriteArrayList<>();
  private final Set<BleAddress> reported = ConcurrentHashMap.newKeySet();
  private final Set<String> connecting = ConcurrentHashMap.newKeySet();
  private final BluezRecovery recovery;
  private final BluezSlots slots;
  private final BluezTransmitter transmitter;
  private volatile BluezBus bus;
  private volatile String adapterPath;
  private volatile RadioState state = RadioState.DOWN;
  private volatile boolean scanning;

  /** Whether the running bluetoothd knows our agent (a new bus or a new bluetoothd does not). */
  private volatile boolean agentRegistered;

  BluezBleRadio(Vertx vertx, BluezSettings settings) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.settings = settings;
    this.calls = new BluezCalls(vertx, settings.threads());
    this.recovery = new BluezRecovery(vertx, calls, this);
    this.slots =
        new BluezSlots(
            vertx,
            settings.maxConnections(),
            settings.connectQueue(),
            settings.connectTimeoutMillis());
    this.transmitter = new BluezTransmitter(vertx, calls, settings.operationTimeoutMillis());
  }

  /** Connects to the bus and the adapter; blocking, on a worker. */
  void open() throws DBusException {
    bringUp();
    state = RadioState.UP;
    LOG.info("BlueZ adapter {} is up", adapterPath);
  }

  /**
   * Opens the bus when needed, finds the adapter, registers the agent and powers the adapter on;
   * blocking. Fails while the adapter is absent.
   */
  @Override
  public void bringUp() throws DBusException {
    BluezBus current = bus;
    if (current == null || !current.connected()) {
      current = BluezBus.open(settings.busAddress().orElse(null), this);
      current.export(agent);
      bus = current;
      agentRegistered = false;
    }
    tree.load(current.managedObjects());
    if (!agentRegistered) {
      registerAgent(current);
    }
    String adapter =
        findAdapter()
            .orElseThrow(
                () ->
                    new RadioException(
                        Reason.RADIO_DOWN,
                        "no BlueZ adapter " + settings.adapter() + " on the bus"));
    adapterPath = adapter;
    devices.adapter(adapter);
    for (String device :
        tree.find(BluezTree.DEVICE, p -> Boolean.TRUE.equals(p.get("Connected")))) {
      devices.addressOf(device).filter(a -> devices.onAdapter(device)).ifPresent(slots::occupied);
    }
    if (!tree.flag(adapter, BluezTree.ADAPTER, "Powered")) {
      current
          .object(adapter, Properties.class)
          .Set(BluezTree.ADAPTER, "Powered", new Variant<>(true));
    }
    if (scanning) {
      startDiscovery(current.object(adapter, Adapter1.class));
    }
  }

  private void registerAgent(BluezBus current) {
    AgentManager1 agents;
    try {
      agents = current.object("/org/bluez", AgentManager1.class);
      agents.RegisterAgent(new org.freedesktop.dbus.DBusPath(BluezAgent.PATH), "KeyboardDisplay");
      agents.RequestDefaultAgent(new org.freedesktop.dbus.DBusPath(BluezAgent.PATH));
      agentRegistered = true;
    } catch (DBusException | DBusExecutionException e) {
      if (e instanceof DBusExecutionException d && BluezFailures.is(d, "AlreadyExists")) {
        agentRegistered = true;
      } else {
        LOG.warn("could not register the pairing agent: pairing will fail");
      }
    }
  }

  private Optional<String> findAdapter() {
    if (settings.adapterByAddress()) {
      return tree
          .find(
              BluezTree.ADAPTER,
              p -> settings.adapter().equalsIgnoreCase(String.valueOf(p.get("Address"))))
          .stream()
          .findFirst();
    }
    String path = "/org/bluez/" + settings.adapter();
    return tree.has(path, BluezTree.ADAPTER) ? Optional.of(path) : Optional.empty();
  }

  @Override
  public boolean isUp() {
    return state == RadioState.UP;
  }

  @Override
  public void recovered() {
    state = RadioState.UP;
    LOG.info("BlueZ adapter {} is up again", adapterPath);
    emit(l -> l.stateChanged(RadioState.UP));
  }

  // The SPI, called on the gateway's event loop.

  /**
   * Waits for one of the adapter's connection slots (see {@link BluezSlots}), then connects within
   * what is left of the connect time-out. A failed attempt gives its slot back.
   */
  @Override
  public Future<Void> connect(BleConnectRequest request) {
    if (state != RadioState.UP) {
      return down();
    }
    BleAddress address = request.address();
    long asked = System.nanoTime();
    return slots
        .take(address)
        .compose(
            slot -> {
              long left =
                  settings.connectTimeoutMillis()
                      - java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(
                          System.nanoTime() - asked);
              return attempt(request, Math.max(1, left));
            })
        .onFailure(
            failure -> {
              if (!reported.contains(address)
                  && !(failure instanceof RadioException e && e.reason() == Reason.TIMEOUT)) {
                slots.release(address); // a timed-out attempt gives it back once it is cancelled
              }
            });
  }

  private Future<Void> attempt(BleConnectRequest request, long timeoutMillis) {
    return calls
        .<Void>call(
            request.address().toString(),
            "connect " + request.address(),
            timeoutMillis,
            () -> {
              connectBlocking(request);
              return null;
            },
            e -> {
              throw confirmed(BluezFailures.failure(e, "connect"));
            })
        .onFailure(
            failure -> {
              if (failure instanceof RadioException e && e.reason() == Reason.TIMEOUT) {
                calls.background(() -> disconnectBlocking(request.address())); // cancel the attempt
              }
            });
  }

  private void connectBlocking(BleConnectRequest request) throws DBusException {
    String device =
        devices
            .path(request)
            .orElseThrow(
                () ->
                    new RadioException(
                        Reason.UNKNOWN_DEVICE, "BlueZ knows no device " + request.address()));
    if (!(tree.flag(device, BluezTree.DEVICE, "Connected")
        && tree.flag(device, BluezTree.DEVICE, "ServicesResolved"))) {
      connecting.add(device);
      agent.pairing(device, request);
      try {
        bus.object(device, Device1.class).Connect();
      } catch (DBusExecutionException e) {
        if (!BluezFailures.is(e, "AlreadyConnected")) {
          connecting.remove(device);
          throw confirmed(BluezFailures.failure(e, "connect"));
        }
      } finally {
        agent.done(device);
      }
      // The reply can overtake the signals sent before it (they are handled on another thread):
      // read the device's state once so that the tree is no older than the reply.
      tree.changed(
          device,
          BluezTree.DEVICE,
          bus.object(device, Properties.class).GetAll(BluezTree.DEVICE),
          List.of());
      try {
        boolean settled =
            tree.await(
                t ->
                    t.flag(device, BluezTree.DEVICE, "ServicesResolved")
                        || !t.flag(device, BluezTree.DEVICE, "Connected"),
                settings.connectTimeoutMillis());
        if (!tree.flag(device, BluezTree.DEVICE, "Connected")) {
          throw new RadioException(
              Reason.CONNECTION_FAILED, request.address() + " dropped the link");
        }
        if (!settled) {
          throw new RadioException(
              Reason.DISCOVERY_FAILED, request.address() + " resolved no services in time");
        }
      } finally {
        connecting.remove(device);
      }
    }
    if (reported.add(request.address())) {
      emit(l -> l.connectionChanged(request.address(), true));
    }
  }

  @Override
  public Future<Void> disconnect(BleAddress device) {
    if (state != RadioState.UP) {
      return Future.succeededFuture();
    }
    return calls.call(
        device.toString(),
        "disconnect " + device,
        settings.operationTimeoutMillis(),
        () -> {
          disconnectBlocking(device);
          return null;
        },
        e -> {
          throw BluezFailures.failure(e, "disconnect");
        });
  }

  private void disconnectBlocking(BleAddress address) {
    Optional<String> device = devices.path(address);
    if (device.isEmpty() || bus == null) {
      return;
    }
    String path = device.get();
    if (tree.flag(path, BluezTree.DEVICE, "Connected")) {
      try {
        bus.object(path, Device1.class).Disconnect();
      } catch (DBusException | DBusExecutionException e) {
        LOG.debug("disconnecting {}: {}", address, e.getMessage());
      }
      tree.await(
          t -> !t.flag(path, BluezTree.DEVICE, "Connected"), settings.operationTimeoutMillis());
    }
    slots.release(address);
    if (reported.remove(address)) {
      emit(l -> l.connectionChanged(address, false));
    }
  }

  @Override
  public Future<List<GattService>> discover(BleAddress device, Set<String> serviceIds) {
    if (state != RadioState.UP) {
      return down();
    }
    try {
      String path = connected(device);
      Set<String> wanted = serviceIds.stream().map(BleUuids::canonical).collect(Collectors.toSet());
      return Future.succeededFuture(gatt.services(path, wanted));
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<DeviceAnswer<byte[]>> read(BleAddress device, GattCharacteristic id) {
    return onCharacteristic(
        device,
        id,
        "read",
        c -> DeviceAnswer.of(bus.object(c, GattCharacteristic1.class).ReadValue(Map.of())));
  }

  @Override
  public Future<DeviceAnswer<Void>> write(
      BleAddress device, GattCharacteristic id, byte[] value, BleWriteType type) {
    Map<String, Variant<?>> options =
        Map.of("type", new Variant<>(type == BleWriteType.REQUEST ? "request" : "command"));
    byte[] sent = value.clone();
    return onCharacteristic(
        device,
        id,
        "write",
        c -> {
          bus.object(c, GattCharacteristic1.class).WriteValue(sent, options);
          return DeviceAnswer.done();
        });
  }

  @Override
  public Future<DeviceAnswer<Void>> notifications(
      BleAddress device, GattCharacteristic id, boolean on) {
    return onCharacteristic(
        device,
        id,
        "notifications",
        c -> {
          GattCharacteristic1 characteristic = bus.object(c, GattCharacteristic1.class);
          try {
            if (on) {
              characteristic.StartNotify();
            } else {
              characteristic.StopNotify();
            }
          } catch (DBusExecutionException e) {
            if (!BluezFailures.sessionAlready(e, on)) {
              throw e;
            }
          }
          return DeviceAnswer.done();
        });
  }

  /** A GATT call on a characteristic of a connected device, answered or refused. */
  private <T> Future<DeviceAnswer<T>> onCharacteristic(
      BleAddress device, GattCharacteristic id, String operation, GattCall<T> call) {
    if (state != RadioState.UP) {
      return down();
    }
    String characteristic;
    try {
      characteristic =
          gatt.characteristic(connected(device), id)
              .orElseThrow(
                  () -> new RadioException(Reason.UNKNOWN_TARGET, device + " has no " + id));
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
    return calls.call(
        device.toString(),
        operation + " " + device + " " + id,
        settings.operationTimeoutMillis(),
        () -> call.on(characteristic),
        e -> {
          try {
            return BluezFailures.gatt(e, operation);
          } catch (RadioException failure) {
            throw confirmed(failure);
          }
        });
  }

  /** One blocking GATT call on a characteristic's object path. */
  private interface GattCall<T> {
    DeviceAnswer<T> on(String characteristic) throws DBusException;
  }

  @Override
  public Future<Void> scanning(boolean on) {
    if (state != RadioState.UP) {
      return on ? down() : Future.succeededFuture();
    }
    scanning = on;
    String adapter = adapterPath;
    return calls.call(
        "discovery",
        on ? "start discovery" : "stop discovery",
        settings.operationTimeoutMillis(),
        () -> {
          Adapter1 proxy = bus.object(adapter, Adapter1.class);
          if (on) {
            startDiscovery(proxy);
          } else {
            try {
              proxy.StopDiscovery();
            } catch (DBusExecutionException e) {
              LOG.debug("stopping discovery: {}", e.getMessage()); // none was running
            }
          }
          return null;
        },
        e -> {
          throw BluezFailures.failure(e, "discovery");
        });
  }

  /** LE only, and every advertisement reported (not only changes), so presence keeps flowing. */
  private static void startDiscovery(Adapter1 adapter) throws DBusException {
    adapter.SetDiscoveryFilter(
        Map.of("Transport", new Variant<>("le"), "DuplicateData", new Variant<>(true)));
    try {
      adapter.StartDiscovery();
    } catch (DBusExecutionException e) {
      if (!BluezFailures.is(e, "InProgress")) {
        throw e;
      }
    }
  }

  /**
   * Advertises the transmission as a BlueZ advertising set ({@link BluezTransmitter}) for its
   * {@code transmitTime}, or for {@value #SINGLE_MILLIS} ms when a single one asks for none: BlueZ
   * has no "send once", and at its default interval (1.28 s) that is about one advertising event.
   * Fails as {@link Reason#UNSUPPORTED} when the adapter offers no {@code LEAdvertisingManager1} or
   * BlueZ cannot carry the payload.
   */
  @Override
  public Future<Void> transmit(BleAddress device, BleTransmission transmission) {
    if (state != RadioState.UP) {
      return down();
    }
    String adapter = adapterPath;
    if (!tree.has(adapter, ADVERTISING)) {
      return Future.failedFuture(
          new RadioException(
              Reason.UNSUPPORTED, "the BlueZ adapter " + settings.adapter() + " cannot advertise"));
    }
    Map<String, Variant<?>> properties;
    try {
      properties = BluezAdvertisingData.properties(transmission);
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
    long duration = transmission.schedule().durationMillis();
    LOG.debug("transmitting for {}: {}", device, properties.keySet());
    return transmitter.transmit(bus, adapter, properties, duration > 0 ? duration : SINGLE_MILLIS);
  }

  @Override
  public void listen(BleListener listener) {
    listeners.add(listener);
  }

  @Override
  public RadioState state() {
    return state;
  }

  /** Connections the driver reported open (its share of the adapter's slots). */
  int connections() {
    return reported.size();
  }

  /** Transmissions on the air now (advertisements registered with BlueZ). */
  int transmissions() {
    return transmitter.active();
  }

  /** What {@code /health} shows besides the state: the adapter's connection slots. */
  Map<String, Object> details() {
    return Map.of("adapter", settings.adapter(), "connectionSlots", slots.details());
  }

  void stop() {
    recovery.stop();
    calls.stop();
    BluezBus current = bus;
    if (current != null) {
      current.close();
    }
  }

  /**
   * A lost link, checked against the adapter: when the adapter is gone (its objects leave the bus
   * before its own removal is announced) the failure is the radio's, not the link's. Blocking.
   */
  private RadioException confirmed(RadioException failure) {
    if (failure.reason() != Reason.CONNECTION_FAILED) {
      return failure;
    }
    try {
      Object powered =
          bus.object(adapterPath, Properties.class).<Object>Get(BluezTree.ADAPTER, "Powered");
      Object value = powered instanceof Variant<?> variant ? variant.getValue() : powered;
      if (!Boolean.FALSE.equals(value)) {
        return failure;
      }
      return new RadioException(
          Reason.RADIO_DOWN, "the BlueZ adapter " + settings.adapter() + " is powered off");
    } catch (DBusException | DBusExecutionException | NullPointerException e) {
      return new RadioException(
          Reason.RADIO_DOWN, "the BlueZ adapter " + settings.adapter() + " is down (gone)");
    }
  }

  private <T> Future<T> down() {
    return Future.failedFuture(
        new RadioException(
            Reason.RADIO_DOWN, "the BlueZ adapter " + settings.adapter() + " is down"));
  }

  private String connected(BleAddress device) {
    return devices
        .path(device)
        .filter(path -> tree.flag(path, BluezTree.DEVICE, "Connected"))
        .orElseThrow(
            () -> new RadioException(Reason.CONNECTION_FAILED, device + " is not connected"));
  }

  // bluetoothd's signals, on dbus-java's signal thread.

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
        if (path.equals(adapterPath) && changed.containsKey("Powered")) {
          if (Boolean.TRUE.equals(changed.get("Powered").getValue())) {
            recovery.start();
          } else {
            goDown("the adapter was powered off");
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
    BleAddress address = known.get();
    if (changed.containsKey("Connected")) {
      boolean connected = Boolean.TRUE.equals(changed.get("Connected").getValue());
      if (!connected) {
        slots.release(address);
        if (reported.remove(address)) {
          emit(l -> l.connectionChanged(address, false));
        }
      } else if (!connecting.contains(path) && devices.onAdapter(path)) {
        slots.occupied(address);
        if (reported.add(address)) {
          emit(l -> l.connectionChanged(address, true));
        }
      }
    }
    if (scanning && BluezAdvertisements.advertised(changed)) {
      BluezAdvertisements.of(device.get()).ifPresent(ad -> emit(l -> l.advertisement(ad)));
    }
  }

  private void notified(String characteristic, byte[] value) {
    String device = characteristic.substring(0, characteristic.indexOf("/service"));
    Optional<GattCharacteristic> id = gatt.idOf(characteristic);
    Optional<BleAddress> from = devices.addressOf(device);
    if (id.isPresent() && from.isPresent()) {
      emit(l -> l.notification(from.get(), id.get(), value.clone(), false));
    }
  }

  @Override
  public void interfacesAdded(ObjectManager.InterfacesAdded signal) {
    // dbus-java names the object the signal is about its "signal source" (getObjectPath is "/")
    String path = signal.getSignalSource().getPath();
    tree.added(path, signal.getInterfaces());
    if (signal.getInterfaces().containsKey(BluezTree.ADAPTER) && state != RadioState.UP) {
      recovery.start();
    }
    if (scanning && signal.getInterfaces().containsKey(BluezTree.DEVICE)) {
      tree.properties(path, BluezTree.DEVICE)
          .flatMap(BluezAdvertisements::of)
          .ifPresent(ad -> emit(l -> l.advertisement(ad)));
    }
  }

  @Override
  public void interfacesRemoved(ObjectManager.InterfacesRemoved signal) {
    // dbus-java names the object the signal is about its "signal source" (getObjectPath is "/")
    String path = signal.getSignalSource().getPath();
    if (signal.getInterfaces().contains(BluezTree.DEVICE)) {
      devices
          .addressOf(path)
          .ifPresent(
              address -> {
                slots.release(address);
                if (reported.remove(address)) {
                  emit(l -> l.connectionChanged(address, false));
                }
              });
    }
    if (signal.getInterfaces().contains(BluezTree.DEVICE)) {
      devices.removed(path);
    }
    tree.removed(path, signal.getInterfaces());
    if (path.equals(adapterPath) && signal.getInterfaces().contains(BluezTree.ADAPTER)) {
      goDown("the adapter was removed");
    }
  }

  /**
   * bluetoothd stopped (or crashed) or started again. Gone, its objects and our agent went with it:
   * the radio goes down. Back, the driver reads its objects, registers the agent and powers the
   * adapter as at start ({@link #bringUp}).
   */
  @Override
  public void bluezOwnerChanged(boolean present) {
    agentRegistered = false;
    if (!present) {
      goDown("bluetoothd left the bus");
      tree.clear();
    }
    recovery.start();
  }

  @Override
  public void lost() {
    goDown("the D-Bus connection was lost");
    tree.clear();
    recovery.start();
  }

  private void goDown(String why) {
    if (state == RadioState.DOWN) {
      return;
    }
    state = RadioState.DOWN;
    LOG.info("BlueZ adapter {} is down: {}", settings.adapter(), why);
    calls.failPending("the BlueZ adapter " + settings.adapter() + " is down: " + why);
    slots.clear("the BlueZ adapter " + settings.adapter() + " is down: " + why);
    transmitter.forget();
    for (BleAddress address : Set.copyOf(reported)) {
      if (reported.remove(address)) {
        emit(l -> l.connectionChanged(address, false));
      }
    }
    emit(l -> l.stateChanged(RadioState.DOWN));
  }

  /** Tells the listeners on the radio's context, never under a lock of the driver's. */
  private void emit(Consumer<BleListener> event) {
    context.runOnContext(v -> listeners.forEach(event));
  }

  @Override
  public void recovering() {
    if (state == RadioState.DOWN) {
      state = RadioState.RECOVERING;
      emit(l -> l.stateChanged(RadioState.RECOVERING));
    }
  }
}
