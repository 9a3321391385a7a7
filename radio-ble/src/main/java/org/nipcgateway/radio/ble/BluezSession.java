package org.nipcgateway.radio.ble;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.core.radio.RadioState;

/**
 * What the driver's parts share of its current session with bluetoothd: the bus connection, the
 * adapter's object path, the radio's state, and the listeners it tells. The fields change on
 * workers (bring-up) and signal threads (going down) and are read on event loops, hence volatile.
 */
final class BluezSession {
  private final Context context;
  private final String adapterName;
  private final List<BleListener> listeners = new CopyOnWriteArrayList<>();
  private volatile BluezBus bus;
  private volatile String adapterPath;
  private volatile RadioState state = RadioState.DOWN;

  BluezSession(Vertx vertx, String adapterName) {
    this.context = vertx.getOrCreateContext();
    this.adapterName = adapterName;
  }

  BluezBus bus() {
    return bus;
  }

  void bus(BluezBus bus) {
    this.bus = bus;
  }

  String adapterPath() {
    return adapterPath;
  }

  void adapterPath(String path) {
    this.adapterPath = path;
  }

  /** The adapter as configured ({@code hci0} or an address), for messages. */
  String adapterName() {
    return adapterName;
  }

  RadioState state() {
    return state;
  }

  void state(RadioState state) {
    this.state = state;
  }

  boolean up() {
    return state == RadioState.UP;
  }

  /** The failure of a call made while the radio is not up. */
  <T> Future<T> down() {
    return Future.failedFuture(
        new RadioException(Reason.RADIO_DOWN, "the BlueZ adapter " + adapterName + " is down"));
  }

  void listen(BleListener listener) {
    listeners.add(listener);
  }

  /** Tells the listeners on the radio's context, never under a lock of the driver's. */
  void emit(Consumer<BleListener> event) {
    context.runOnContext(v -> listeners.forEach(event));
  }
}
