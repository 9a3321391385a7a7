package org.nipcgateway.simulators.ble;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.simulators.fault.Fault;
import org.nipcgateway.simulators.fault.FaultPlan;
import org.nipcgateway.simulators.fault.Latency;
import org.nipcgateway.simulators.fault.SimulatedOperations;

/**
 * A BLE adapter whose peripherals live in memory. Like a real adapter it has a limited number of
 * connection slots, needs a connection for GATT operations, refuses the wrong pairing, notifies
 * while a CCCD is on and reports advertisements while scanning. Every operation first waits its
 * {@link Latency} and then meets any {@link FaultPlan fault} injected for it.
 */
public final class SimulatedBleRadio implements BleRadio {
  private final Vertx vertx;
  private final int slots;
  private final long advertisingIntervalMillis;
  private final SimulatedOperations operations;
  private final Map<String, SimulatedPeripheral> peripherals = new LinkedHashMap<>();
  private final List<BleListener> listeners = new CopyOnWriteArrayList<>();
  private long scanTimer = -1;

  public SimulatedBleRadio(
      Vertx vertx, int slots, long advertisingIntervalMillis, SimulatedOperations operations) {
    this.vertx = vertx;
    this.slots = slots;
    this.advertisingIntervalMillis = advertisingIntervalMillis;
    this.operations = operations;
  }

  /** Adds a peripheral; its characteristics follow with {@link #define}. */
  public synchronized void addPeripheral(
      String mac, BleBonding pairing, int rssi, byte[] advertisingData) {
    peripherals.put(key(mac), new SimulatedPeripheral(mac, pairing, rssi, advertisingData));
  }

  /** Adds (or replaces) a characteristic of a peripheral added before. */
  public synchronized void define(
      String mac,
      GattCharacteristic id,
      byte[] value,
      Set<String> flags,
      List<String> descriptors,
      long notifyIntervalMillis,
      boolean counting) {
    SimulatedPeripheral peripheral = peripherals.get(key(mac));
    if (peripheral == null) {
      throw new IllegalArgumentException("no simulated peripheral " + mac);
    }
    peripheral.gatt.put(
        id, new SimulatedCharacteristic(value, flags, descriptors, notifyIntervalMillis, counting));
  }

  @Override
  public Future<Void> connect(String mac, Set<BleBonding> permitted) {
    return operate(
        "connect",
        mac,
        () -> {
          SimulatedPeripheral peripheral = peripheral(mac);
          if (peripheral.connected) {
            return null;
          }
          if (slotsInUse() >= slots) {
            throw new RadioException(
                Reason.CONNECTION_FAILED, "all " + slots + " connection slots are in use");
          }
          if (peripheral.pairing != BleBonding.NONE && !permitted.contains(peripheral.pairing)) {
            throw new RadioException(
                Reason.BONDING_FAILED,
                mac + " asks for " + peripheral.pairing + " pairing; permitted: " + permitted);
          }
          peripheral.connected = true;
          emit(l -> l.connectionChanged(peripheral.mac, true));
          return null;
        });
  }

  @Override
  public synchronized Future<Void> disconnect(String mac) {
    SimulatedPeripheral peripheral = peripherals.get(key(mac));
    if (peripheral != null && peripheral.connected) {
      drop(peripheral);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<List<GattService>> discover(String mac, Set<String> serviceIds) {
    Set<String> wanted =
        serviceIds.stream().map(BleUuids::canonical).collect(java.util.stream.Collectors.toSet());
    return operate(
        "discover",
        mac,
        () -> {
          Map<String, List<GattService.Characteristic>> services = new LinkedHashMap<>();
          connected(mac)
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
  public Future<byte[]> read(String mac, GattCharacteristic id) {
    return operate(
        "read",
        mac,
        () -> {
          SimulatedCharacteristic characteristic = characteristic(connected(mac), id);
          if (!characteristic.readable()) {
            throw new RadioException(Reason.NOT_PERMITTED, id + " of " + mac + " is not readable");
          }
          return characteristic.value();
        });
  }

  @Override
  public Future<Void> write(String mac, GattCharacteristic id, byte[] value, boolean withResponse) {
    return operate(
        "write",
        mac,
        () -> {
          SimulatedPeripheral peripheral = connected(mac);
          if (!characteristic(peripheral, id).writable(withResponse)) {
            throw new RadioException(
                Reason.NOT_PERMITTED,
                id + " of " + mac + " takes no write " + (withResponse ? "requests" : "commands"));
          }
          change(peripheral, id, value);
          return null;
        });
  }

  @Override
  public Future<Void> notifications(String mac, GattCharacteristic id, boolean on) {
    return operate(
        "notifications",
        mac,
        () -> {
          SimulatedPeripheral peripheral = connected(mac);
          SimulatedCharacteristic characteristic = characteristic(peripheral, id);
          if (!characteristic.notifies()) {
            throw new RadioException(Reason.NOT_PERMITTED, id + " of " + mac + " cannot notify");
          }
          if (on && !peripheral.notifying.containsKey(id)) {
            long interval = characteristic.notifyIntervalMillis();
            long timer =
                interval > 0 ? vertx.setPeriodic(interval, t -> notifyCurrent(peripheral, id)) : -1;
            peripheral.notifying.put(id, timer);
          } else if (!on) {
            stopNotifying(peripheral, id);
          }
          return null;
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

  @Override
  public void listen(BleListener listener) {
    listeners.add(listener);
  }

  /** Sets a characteristic's value as the peripheral itself would, notifying when on. */
  public synchronized void change(String mac, GattCharacteristic id, byte[] value) {
    SimulatedPeripheral peripheral = peripheral(mac);
    characteristic(peripheral, id);
    change(peripheral, id, value);
  }

  /** Connections open now. */
  public synchronized int slotsInUse() {
    return (int) peripherals.values().stream().filter(p -> p.connected).count();
  }

  public int slots() {
    return slots;
  }

  public Latency latency() {
    return operations.latency();
  }

  public FaultPlan faults() {
    return operations.faults();
  }

  /** Closes every link and stops all timers. */
  public synchronized void stop() {
    scanning(false);
    peripherals.values().stream().filter(p -> p.connected).forEach(this::drop);
  }

  /** An operation; a link that drops mid-operation (a disconnect fault) frees its slot. */
  private <T> Future<T> operate(String operation, String mac, Supplier<T> work) {
    return operations.perform(
        operation,
        mac,
        this,
        fault -> {
          SimulatedPeripheral peripheral = peripherals.get(key(mac));
          if (fault == Fault.Kind.DISCONNECT && peripheral != null && peripheral.connected) {
            drop(peripheral);
          }
        },
        work);
  }

  private void change(SimulatedPeripheral peripheral, GattCharacteristic id, byte[] value) {
    peripheral.gatt.get(id).value(value);
    if (peripheral.notifying.containsKey(id)) {
      byte[] sent = value.clone();
      emit(l -> l.notification(peripheral.mac, id, sent));
    }
  }

  private synchronized void notifyCurrent(SimulatedPeripheral peripheral, GattCharacteristic id) {
    if (peripheral.notifying.containsKey(id)) {
      byte[] value = peripheral.gatt.get(id).nextNotification();
      emit(l -> l.notification(peripheral.mac, id, value));
    }
  }

  private synchronized void advertise() {
    for (SimulatedPeripheral peripheral : peripherals.values()) {
      emit(l -> l.advertisement(peripheral.mac, peripheral.rssi, peripheral.advertisingData));
    }
  }

  private void stopNotifying(SimulatedPeripheral peripheral, GattCharacteristic id) {
    Long timer = peripheral.notifying.remove(id);
    if (timer != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void drop(SimulatedPeripheral peripheral) {
    new ArrayList<>(peripheral.notifying.keySet()).forEach(id -> stopNotifying(peripheral, id));
    peripheral.connected = false;
    emit(l -> l.connectionChanged(peripheral.mac, false));
  }

  private SimulatedPeripheral peripheral(String mac) {
    SimulatedPeripheral peripheral = peripherals.get(key(mac));
    if (peripheral == null) {
      throw new RadioException(Reason.UNKNOWN_DEVICE, "no peripheral " + mac + " in range");
    }
    return peripheral;
  }

  private SimulatedPeripheral connected(String mac) {
    SimulatedPeripheral peripheral = peripheral(mac);
    if (!peripheral.connected) {
      throw new RadioException(Reason.CONNECTION_FAILED, mac + " is not connected");
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
                    Reason.UNKNOWN_TARGET, peripheral.mac + " has no characteristic " + id));
  }

  /**
   * Tells the listeners later, on this context, never under the radio's lock: a listener may well
   * call the radio back.
   */
  private void emit(java.util.function.Consumer<BleListener> event) {
    vertx.runOnContext(v -> listeners.forEach(event));
  }

  private static String key(String mac) {
    return mac.toUpperCase(Locale.ROOT);
  }
}
