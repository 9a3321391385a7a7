package org.nipcgateway.radio.ble;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bluez.AgentManager1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.BleTransmission;
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
 * A BLE radio on one BlueZ adapter, over D-Bus: the radio's lifecycle, and the SPI handed to its
 * parts — links ({@link BluezConnections}), GATT ({@link BluezGattOperations}), discovery ({@link
 * BluezScanner}), transmissions ({@link BluezTransmitter}) — with bluetoothd's signals read by
 * {@link BluezSignals}. Every D-Bus call runs on the driver's {@link BluezCalls} workers; lookups
 * use the {@link BluezTree} that the signals keep current. When the adapter leaves (removed,
 * powered off) or the bus connection is lost the radio goes {@code DOWN}, waiting calls fail at
 * once, and {@link BluezRecovery} brings it back.
 */
final class BluezBleRadio implements BleRadio, BluezRecovery.Target, BluezSignals.Lifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(BluezBleRadio.class);
  private static final String ADVERTISING = "org.bluez.LEAdvertisingManager1";

  /** How long a single transmission with no transmit time stays on the air. */
  static final long SINGLE_MILLIS = 1000;

  private final BluezSettings settings;
  private final BluezCalls calls;
  private final BluezTree tree = new BluezTree();
  private final BluezAgent agent = new BluezAgent();
  private final BluezDevices devices = new BluezDevices(tree);
  private final BluezSession session;
  private final BluezRecovery recovery;
  private final BluezSlots slots;
  private final BluezConnections connections;
  private final BluezGattOperations gattOperations;
  private final BluezScanner scanner;
  private final BluezTransmitter transmitter;
  private final BluezSignals signals;

  /** Whether the running bluetoothd knows our agent (a new bus or a new bluetoothd does not). */
  private volatile boolean agentRegistered;

  BluezBleRadio(Vertx vertx, BluezSettings settings) {
    this.settings = settings;
    this.session = new BluezSession(vertx, settings.adapter());
    this.calls = new BluezCalls(vertx, settings.threads());
    this.recovery = new BluezRecovery(vertx, calls, this);
    this.slots =
        new BluezSlots(
            vertx,
            settings.maxConnections(),
            settings.connectQueue(),
            settings.connectTimeoutMillis());
    BluezGatt gatt = new BluezGatt(tree);
    this.connections = new BluezConnections(session, settings, calls, tree, agent, devices, slots);
    this.gattOperations = new BluezGattOperations(session, settings, calls, gatt, connections);
    this.scanner = new BluezScanner(session, calls, settings.operationTimeoutMillis());
    this.transmitter = new BluezTransmitter(vertx, calls, settings.operationTimeoutMillis());
    this.signals =
        new BluezSignals(session, tree, gatt, devices, connections, scanner, recovery, this);
  }

  /** Connects to the bus and the adapter; blocking, on a worker. */
  void open() throws DBusException {
    bringUp();
    session.state(RadioState.UP);
    LOG.info("BlueZ adapter {} is up", session.adapterPath());
  }

  /**
   * Opens the bus when needed, finds the adapter, registers the agent and powers the adapter on;
   * blocking. Fails while the adapter is absent.
   */
  @Override
  public void bringUp() throws DBusException {
    BluezBus current = session.bus();
    if (current == null || !current.connected()) {
      current = BluezBus.open(settings.busAddress().orElse(null), signals);
      current.export(agent);
      session.bus(current);
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
    session.adapterPath(adapter);
    devices.adapter(adapter);
    connections.adopt();
    if (!tree.flag(adapter, BluezTree.ADAPTER, "Powered")) {
      current
          .object(adapter, Properties.class)
          .Set(BluezTree.ADAPTER, "Powered", new Variant<>(true));
    }
    scanner.resume(current, adapter);
  }

  private void registerAgent(BluezBus current) {
    AgentManager1 agents;
    try {
      agents = current.object("/org/bluez", AgentManager1.class);
      agents.RegisterAgent(new DBusPath(BluezAgent.PATH), "KeyboardDisplay");
      agents.RequestDefaultAgent(new DBusPath(BluezAgent.PATH));
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
    return session.up();
  }

  @Override
  public void recovered() {
    session.state(RadioState.UP);
    LOG.info("BlueZ adapter {} is up again", session.adapterPath());
    session.emit(l -> l.stateChanged(RadioState.UP));
  }

  @Override
  public void recovering() {
    if (session.state() == RadioState.DOWN) {
      session.state(RadioState.RECOVERING);
      session.emit(l -> l.stateChanged(RadioState.RECOVERING));
    }
  }

  @Override
  public void goDown(String why) {
    if (session.state() == RadioState.DOWN) {
      return;
    }
    session.state(RadioState.DOWN);
    LOG.info("BlueZ adapter {} is down: {}", settings.adapter(), why);
    calls.failPending("the BlueZ adapter " + settings.adapter() + " is down: " + why);
    slots.clear("the BlueZ adapter " + settings.adapter() + " is down: " + why);
    transmitter.forget();
    connections.allClosed();
    session.emit(l -> l.stateChanged(RadioState.DOWN));
  }

  @Override
  public void agentForgotten() {
    agentRegistered = false;
  }

  // The SPI, called on the gateway's event loop.

  @Override
  public Future<BleLink> connect(BleConnectRequest request) {
    return connections.connect(request);
  }

  @Override
  public Future<Void> disconnect(BleAddress device) {
    return connections.disconnect(device);
  }

  @Override
  public Future<List<GattService>> discover(BleAddress device, Set<String> serviceIds) {
    return gattOperations.discover(device, serviceIds);
  }

  @Override
  public Future<DeviceAnswer<byte[]>> read(BleAddress device, GattCharacteristic id) {
    return gattOperations.read(device, id);
  }

  @Override
  public Future<DeviceAnswer<Void>> write(
      BleAddress device, GattCharacteristic id, byte[] value, BleWriteType type) {
    return gattOperations.write(device, id, value, type);
  }

  @Override
  public Future<DeviceAnswer<Void>> notifications(
      BleAddress device, GattCharacteristic id, boolean on) {
    return gattOperations.notifications(device, id, on);
  }

  @Override
  public Future<Void> scanning(boolean on) {
    return scanner.scanning(on);
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
    if (!session.up()) {
      return session.down();
    }
    String adapter = session.adapterPath();
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
    return transmitter.transmit(
        session.bus(), adapter, properties, duration > 0 ? duration : SINGLE_MILLIS);
  }

  @Override
  public void listen(BleListener listener) {
    session.listen(listener);
  }

  @Override
  public RadioState state() {
    return session.state();
  }

  /** Connections the driver reported open (its share of the adapter's slots). */
  int connections() {
    return connections.count();
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
    BluezBus current = session.bus();
    if (current != null) {
      current.close();
    }
  }
}
