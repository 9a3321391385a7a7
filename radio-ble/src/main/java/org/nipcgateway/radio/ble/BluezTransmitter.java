package org.nipcgateway.radio.ble;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bluez.LEAdvertisingManager1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transmissions (NIPC Transmit extension) as BlueZ advertising sets: each is exported as a {@link
 * BluezAdvertisement}, registered with the adapter's {@code LEAdvertisingManager1} ({@code
 * RegisterAdvertisement}), kept for its time on the air and then unregistered ({@code
 * UnregisterAdvertisement}) and unexported. Registering and unregistering run in one lane of the
 * driver's workers, so an unregistration never overtakes the registration it undoes.
 */
final class BluezTransmitter {
  static final String PATH = "/org/nipcgateway/bluez/advertisement";
  private static final Logger LOG = LoggerFactory.getLogger(BluezTransmitter.class);
  private static final String LANE = "advertising";

  /** A registered advertisement: the connection it is exported on, and its end-of-air timer. */
  private record OnAir(BluezBus bus, String adapter, long timer) {}

  private final Vertx vertx;
  private final BluezCalls calls;
  private final long timeoutMillis;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, OnAir> onAir = new ConcurrentHashMap<>();

  BluezTransmitter(Vertx vertx, BluezCalls calls, long timeoutMillis) {
    this.vertx = vertx;
    this.calls = calls;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Registers the advertisement; the future succeeds once bluetoothd has taken it, which it then
   * sends for {@code holdMillis}. A registration that timed out is undone once it returns.
   */
  Future<Void> transmit(
      BluezBus bus, String adapter, Map<String, Variant<?>> properties, long holdMillis) {
    String path = PATH + ids.incrementAndGet();
    BluezAdvertisement advertisement =
        new BluezAdvertisement(path, properties, () -> released(path));
    BluezDeadline deadline = BluezDeadline.in("register advertisement " + path, timeoutMillis);
    return calls
        .<Void>call(
            LANE,
            deadline,
            () -> {
              bus.export(advertisement);
              try {
                bus.object(adapter, LEAdvertisingManager1.class, deadline)
                    .RegisterAdvertisement(new DBusPath(path), Map.of());
              } catch (DBusException | RuntimeException e) {
                bus.unexport(path);
                throw e;
              }
              return null;
            },
            e -> {
              throw refused(e);
            })
        .onSuccess(
            v ->
                onAir.put(
                    path,
                    new OnAir(bus, adapter, vertx.setTimer(holdMillis, t -> end(path, false)))))
        .onFailure(
            failure -> {
              // Given up on while still in bluetoothd's hands: undone once the call returns.
              if (failure instanceof RadioException e
                  && (e.reason() == Reason.TIMEOUT || e.reason() == Reason.RADIO_DOWN)) {
                onAir.put(path, new OnAir(bus, adapter, -1));
                end(path, false);
              }
            });
  }

  /** Advertisements on the air now. */
  int active() {
    return onAir.size();
  }

  /**
   * The radio went down: the transmissions end. Each is still unregistered, as bluetoothd keeps
   * advertisements across a power cycle and would send them again when the adapter is back; when
   * the adapter or bluetoothd is gone that call fails and only the object leaves the bus.
   */
  void forget() {
    onAir.keySet().forEach(path -> end(path, false));
  }

  private void released(String path) {
    LOG.debug("bluetoothd released advertisement {}", path);
    end(path, true);
  }

  /**
   * Ends a transmission; {@code released}: bluetoothd dropped it already, nothing to unregister.
   */
  private void end(String path, boolean released) {
    OnAir ended = onAir.remove(path);
    if (ended == null) {
      return;
    }
    vertx.cancelTimer(ended.timer());
    BluezDeadline deadline = BluezDeadline.in("unregister advertisement " + path, timeoutMillis);
    calls
        .<Void>call(
            LANE,
            deadline,
            () -> {
              try {
                if (!released) {
                  ended
                      .bus()
                      .object(ended.adapter(), LEAdvertisingManager1.class, deadline)
                      .UnregisterAdvertisement(new DBusPath(path));
                }
              } finally {
                ended.bus().unexport(path);
              }
              return null;
            },
            e -> null)
        .onFailure(f -> LOG.debug("unregistering advertisement {}: {}", path, f.getMessage()));
  }

  /** What bluetoothd's refusal of a registration means for the gateway. */
  private static RadioException refused(DBusExecutionException error) {
    if (BluezFailures.is(error, "NotPermitted")) {
      return new RadioException(
          Reason.CONNECTION_FAILED,
          "the adapter has no free advertising instance (SupportedInstances reached)");
    }
    if (BluezFailures.is(error, "InvalidArguments") || BluezFailures.is(error, "InvalidLength")) {
      return new RadioException(
          Reason.UNSUPPORTED,
          "BlueZ refused the advertisement: "
              + BluezFailures.nameOf(error).replaceFirst("^org\\.bluez\\.Error\\.", "")
              + " "
              + error.getMessage());
    }
    return BluezFailures.failure(error, "transmit");
  }
}
