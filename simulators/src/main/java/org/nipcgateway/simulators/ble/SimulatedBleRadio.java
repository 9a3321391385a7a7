package org.nipcgateway.simulators.ble;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.nipcgateway.core.radio.AttError;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleAdvertisement;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.core.radio.RadioState;

/**
 * A BLE adapter whose peripherals live in memory. Like a real adapter it has a limited number of
 * connection slots, needs a connection for GATT operations, refuses the wrong pairing method or
 * passkey, answers ATT errors for what a characteristic does not allow, notifies while a CCCD is on
 * and reports advertisements while scanning. Latency and faults come from the gateway's
 * fault-injecting decorator, as for any driver.
 */
public final class SimulatedBleRadio implements BleRadio {
  private final Vertx vertx;
  private final Context context;
  private final int slots;
  private final long advertisingIntervalMillis;
  private final Map<BleAddress, SimulatedPeripheral> peripherals = new LinkedHashMap<>();
  private final List<BleListener> listeners = new CopyOnWriteArrayList<>();
  private final WriteLog writes = new WriteLog();
  private final org.nipcgateway.simulators.Transmissions transmissions =
      new org.nipcgateway.simulators.Transmissions();
  private long scanTimer = -1;
  private final NotifyTicks ticks;

  /** Peripherals connected now: kept as links open and close, not counted per connect. */
  private int connectedCount;

  /** The generation of the last link opened, on any peripheral. */
  private long linkGenerations;

  /** Events not told yet, in order; one task on the context tells every one queued before it. */
  private final ArrayDeque<Consumer<BleListener>> pending = new ArrayDeque<>();

  /** Created on the context its listeners are to be called on (the gateway's). */
  public SimulatedBleRadio(Vertx vertx, int slots, long advertisingIntervalMillis) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.slots = slots;
    this.advertisingIntervalMillis = advertisingIntervalMillis;
    this.ticks = new NotifyTicks(vertx, this::notifyDue);
  }

  /** Adds a peripheral; its characteristics follow with {@link #define}. */
  public synchronized void addPeripheral(
      BleAddress address,
      BleBonding pairing,
      OptionalInt passkey,
      int rssi,
      byte[] advertisingData) {
    SimulatedPeripheral replaced =
        peripherals.put(
            address, new SimulatedPeripheral(address, pairing, passkey, rssi, advertisingData));
    if (replaced != null && replaced.connected) {
      connectedCount--;
    }
  }

  /** Adds (or replaces) a characteristic of a peripheral added before. */
  public synchronized void define(
      BleAddress address,
      GattCharacteristic id,
      byte[] value,
      Set<String> flags,
      List<String> descriptors,
      long notifyIntervalMillis,
      boolean counting) {
    SimulatedPeripheral peripheral = peripherals.get(address);
    if (peripheral == null) {
      throw new IllegalArgumentException("no simulated peripheral " + address);
    }
    peripheral.gatt.put(
        id, new SimulatedCharacteristic(value, flags, descriptors, notifyIntervalMillis, counting));
  }

  @Override
  public Future<BleLink> connect(BleConnectRequest request) {
    BleAddress address = request.address();
    return operate(
        () -> {
          SimulatedPeripheral peripheral = peripheral(address);
          if (peripheral.connected) {
            return peripheral.link;
          }
          if (slotsInUse() >= slots) {
            throw new RadioException(
                Reason.CONNECTION_FAILED, "all " + slots + " connection slots are in use");
          }
          pair(peripheral, request);
          peripheral.connected = true;
          peripheral.link = new BleLink(address, ++linkGenerations);
          connectedCount++;
          BleLink opened = peripheral.link;
          emit(l -> l.connectionChanged(opened, true));
          return opened;
        });
  }

  /** Pairs as the peripheral insists: its method must be permitted, and its passkey given. */
  private static void pair(SimulatedPeripheral peripheral, BleConnectRequest request) {
    if (peripheral.pairing == BleBonding.NONE) {
      return;
    }
    if (!request.permitted().contains(peripheral.pairing)) {
      throw new RadioException(
          Reason.BONDING_FAILED,
          peripheral.address
              + " asks for "
              + peripheral.pairing
              + " pairing; permitted: "
              + request.permitted());
    }
    if (peripheral.pairing == BleBonding.PASSKEY
        && peripheral.passkey.isPresent()
        && !peripheral.passkey.equals(request.credentials().passkey())) {
      throw new RadioException(
          Reason.BONDING_FAILED, peripheral.address + " rejected the passkey (authentication)");
    }
  }

  @Override
  public synchronized Future<Void> disconnect(BleAddress address) {
    SimulatedPeripheral peripheral = peripherals.get(address);
    if (peripheral != null && peripheral.connected) {
      drop(peripheral);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<List<GattService>> discover(BleAddress address, Set<String> serviceIds) {
    Set<String> wanted = serviceIds.stream().map(BleUuids::canonical).collect(Collectors.toSet());
    return operate(
        () -> {
          Map<String, List<GattService.Characteristic>> services = new LinkedHashMap<>();
          connected(address)
              .gatt
              .forEach(
                  (id, characteristic) -> {
                    if (wanted.isEmpty() || wanted.contains(id.serviceId())) {
                      services
                          .computeIfAbsent(id.serviceId(), s -> new ArrayList<>())
                          .add(
                              new GattService.Characteristic(
                                  id.characteristicId(),
                                  characteristic.flags(),
                                  characteristic.descriptors()));
                    }
                  });
          List<GattService> found = new ArrayList<>();
          services.forEach((service, list) -> found.add(new GattService(service, list)));
          return found;
        });
  }

  @Override
  public Future<DeviceAnswer<byte[]>> read(BleAddress address, GattCharacteristic id) {
    return operate(
        () -> {
          SimulatedCharacteristic characteristic = characteristic(connected(address), id);
          if (!characteristic.readable()) {
            return DeviceAnswer.refused(DeviceStatus.att(AttError.READ_NOT_PERMITTED));
          }
          return DeviceAnswer.of(characteristic.value());
        });
  }

  @Override
  public Future<DeviceAnswer<Void>> write(
      BleAddress address, GattCharacteristic id, byte[] value, BleWriteType type) {
    return operate(
        () -> {
          SimulatedPeripheral peripheral = connected(address);
          if (!characteristic(peripheral, id).writable(type)) {
            return DeviceAnswer.refused(
                DeviceStatus.att(
                    type == BleWriteType.REQUEST
                        ? AttError.WRITE_NOT_PERMITTED
                        : AttError.REQUEST_NOT_SUPPORTED));
          }
          writes.add(address, id, value);
          change(peripheral, id, value);
          return DeviceAnswer.done();
        });
  }

  @Override
  public Future<DeviceAnswer<Void>> notifications(
      BleAddress address, GattCharacteristic id, boolean on) {
    return operate(
        () -> {
          SimulatedPeripheral peripheral = connected(address);
          SimulatedCharacteristic characteristic = characteristic(peripheral, id);
          if (!characteristic.notifies()) {
            return DeviceAnswer.refused(DeviceStatus.att(AttError.REQUEST_NOT_SUPPORTED));
          }
          if (on && !peripheral.notifying.containsKey(id)) {
            long interval = characteristic.notifyIntervalMillis();
            if (interval > 0) {
              ticks.add(interval, new NotifyTicks.Notifier(peripheral, id));
            }
            peripheral.notifying.put(id, interval);
          } else if (!on) {
            stopNotifying(peripheral, id);
          }
          return DeviceAnswer.done();
        });
  }

  @Override
  public synchronized Future<Void> scanning(boolean on) {
    if (on && scanTimer < 0) {
      scanTimer = vertx.setPeriodic(0, advertisingIntervalMillis, t -> advertise());
    } else if (!on && scanTimer >= 0) {
      vertx.cancelTimer(scanTimer);
      scanTimer = -1;
    }
    return Future.succeededFuture();
  }

  /** Records the advertisement: the simulated adapter has no air, tests read what it sent. */
  @Override
  public Future<Void> transmit(
      BleAddress device, org.nipcgateway.core.radio.BleTransmission transmission) {
    transmissions.add(
        new org.nipcgateway.simulators.Transmissions.Transmitted(
            device.toString(),
            transmission.advertisingData(),
            transmission.connectable(),
            transmission.schedule()));
    return Future.succeededFuture();
  }

  /** What the radio was asked to transmit, oldest first. */
  public List<org.nipcgateway.simulators.Transmissions.Transmitted> transmissions() {
    return transmissions.list();
  }

  /** Every value the gateway wrote to the characteristic, in order. */
  public List<byte[]> writes(BleAddress address, GattCharacteristic id) {
    return writes.of(address, id);
  }

  @Override
  public void listen(BleListener listener) {
    listeners.add(listener);
  }

  @Override
  public RadioState state() {
    return RadioState.UP;
  }

  /** Sets a characteristic's value as the peripheral itself would, notifying when on. */
  public synchronized void change(BleAddress address, GattCharacteristic id, byte[] value) {
    SimulatedPeripheral peripheral = peripheral(address);
    characteristic(peripheral, id);
    change(peripheral, id, value);
  }

  /** A characteristic's current value, as the peripheral holds it. */
  /** The peripheral drops its link on its own (out of range, reset); nothing when not connected. */
  public synchronized void dropLink(BleAddress address) {
    SimulatedPeripheral peripheral = peripheral(address);
    if (peripheral.connected) {
      drop(peripheral);
    }
  }

  public synchronized byte[] value(BleAddress address, GattCharacteristic id) {
    return characteristic(peripheral(address), id).value();
  }

  /** Connections open now. */
  public synchronized int slotsInUse() {
    return connectedCount;
  }

  public int slots() {
    return slots;
  }

  /** Closes every link and stops all timers. */
  public synchronized void stop() {
    scanning(false);
    peripherals.values().stream().filter(p -> p.connected).forEach(this::drop);
  }

  /** Runs an operation under the radio's lock; a {@link RadioException} fails it. */
  private <T> Future<T> operate(Supplier<T> work) {
    synchronized (this) {
      try {
        return Future.succeededFuture(work.get());
      } catch (RadioException e) {
        return Future.failedFuture(e);
      }
    }
  }

  private void change(SimulatedPeripheral peripheral, GattCharacteristic id, byte[] value) {
    SimulatedCharacteristic characteristic = peripheral.gatt.get(id);
    characteristic.value(value);
    if (peripheral.notifying.containsKey(id)) {
      byte[] sent = value.clone();
      boolean indication = characteristic.indicates();
      emit(l -> l.notification(peripheral.address, id, sent, indication));
    }
  }

  private record Notification(
      BleAddress address, GattCharacteristic id, byte[] value, boolean indication) {}

  /** A tick of that interval: every characteristic notifying at it sends, all in one hop. */
  private synchronized void notifyDue(long intervalMillis) {
    List<Notification> due = new ArrayList<>();
    for (NotifyTicks.Notifier notifier : ticks.at(intervalMillis)) {
      SimulatedPeripheral peripheral = notifier.peripheral();
      if (peripheral.notifying.containsKey(notifier.id())) {
        SimulatedCharacteristic characteristic = peripheral.gatt.get(notifier.id());
        due.add(
            new Notification(
                peripheral.address,
                notifier.id(),
                characteristic.nextNotification(),
                characteristic.indicates()));
      }
    }
    if (!due.isEmpty()) {
      context.runOnContext(
          v ->
              due.forEach(
                  n ->
                      listeners.forEach(
                          l -> l.notification(n.address(), n.id(), n.value(), n.indication()))));
    }
  }

  private synchronized void advertise() {
    for (SimulatedPeripheral peripheral : peripherals.values()) {
      BleAdvertisement advertisement =
          BleAdvertisement.fromRaw(peripheral.address, peripheral.rssi, peripheral.advertisingData);
      emit(l -> l.advertisement(advertisement));
    }
  }

  private void stopNotifying(SimulatedPeripheral peripheral, GattCharacteristic id) {
    Long interval = peripheral.notifying.remove(id);
    if (interval != null && interval > 0) {
      ticks.remove(interval, new NotifyTicks.Notifier(peripheral, id));
    }
  }

  private void drop(SimulatedPeripheral peripheral) {
    new ArrayList<>(peripheral.notifying.keySet()).forEach(id -> stopNotifying(peripheral, id));
    peripheral.connected = false;
    connectedCount--;
    BleLink closed = peripheral.link;
    emit(l -> l.connectionChanged(closed, false));
  }

  private SimulatedPeripheral peripheral(BleAddress address) {
    SimulatedPeripheral peripheral = peripherals.get(address);
    if (peripheral == null) {
      throw new RadioException(Reason.UNKNOWN_DEVICE, "no peripheral " + address + " in range");
    }
    return peripheral;
  }

  private SimulatedPeripheral connected(BleAddress address) {
    SimulatedPeripheral peripheral = peripheral(address);
    if (!peripheral.connected) {
      throw new RadioException(Reason.CONNECTION_FAILED, address + " is not connected");
    }
    return peripheral;
  }

  private static SimulatedCharacteristic characteristic(
      SimulatedPeripheral peripheral, GattCharacteristic id) {
    return peripheral
        .characteristic(id)
        .orElseThrow(
            () ->
                new RadioException(
                    Reason.UNKNOWN_TARGET, peripheral.address + " has no characteristic " + id));
  }

  /**
   * Tells the listeners later, on the radio's context, in the order the events happened, never
   * under the radio's lock: a listener may well call the radio back. Events that happen before the
   * task runs join it (a read's implicit connect and disconnect cost one task, not two).
   */
  private void emit(Consumer<BleListener> event) {
    boolean first;
    synchronized (pending) {
      first = pending.isEmpty();
      pending.add(event);
    }
    if (first) {
      context.runOnContext(v -> tellPending());
    }
  }

  /** Tells the queued events in turn; the one being told stays queued so no second task starts. */
  private void tellPending() {
    Consumer<BleListener> event = nextPending(false);
    while (event != null) {
      try {
        listeners.forEach(event);
      } catch (RuntimeException e) {
        // As a task of its own would have: this event's failure reaches the context, the rest go
        // on.
        if (nextPending(true) != null) {
          context.runOnContext(v -> tellPending());
        }
        throw e;
      }
      event = nextPending(true);
    }
  }

  /** The event to tell next, once the one just told (when {@code told}) is off the queue. */
  private Consumer<BleListener> nextPending(boolean told) {
    synchronized (pending) {
      if (told) {
        pending.poll();
      }
      return pending.peek();
    }
  }
}
