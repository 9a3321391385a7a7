package org.nipcgateway.radio.ble;

import io.vertx.core.Future;
import java.util.Map;
import org.bluez.Adapter1;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery on the adapter ({@code SetDiscoveryFilter}, {@code StartDiscovery}, {@code
 * StopDiscovery}) and whether the gateway asked for it, so that it is started again when the
 * adapter returns and advertisements are reported only while it is on.
 */
final class BluezScanner {
  private static final Logger LOG = LoggerFactory.getLogger(BluezScanner.class);

  private final BluezSession session;
  private final BluezCalls calls;
  private final long timeoutMillis;
  private volatile boolean scanning;

  BluezScanner(BluezSession session, BluezCalls calls, long timeoutMillis) {
    this.session = session;
    this.calls = calls;
    this.timeoutMillis = timeoutMillis;
  }

  Future<Void> scanning(boolean on) {
    if (!session.up()) {
      return on ? session.down() : Future.succeededFuture();
    }
    scanning = on;
    String adapter = session.adapterPath();
    BluezDeadline deadline =
        BluezDeadline.in(on ? "start discovery" : "stop discovery", timeoutMillis);
    return calls.call(
        "discovery",
        deadline,
        () -> {
          Adapter1 proxy = session.bus().object(adapter, Adapter1.class, deadline);
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

  /** Whether the gateway wants advertisements now. */
  boolean on() {
    return scanning;
  }

  /** Starts discovery again on an adapter that returned, when it was on; blocking. */
  void resume(BluezBus bus, String adapter) throws DBusException {
    if (scanning) {
      startDiscovery(
          bus.object(adapter, Adapter1.class, BluezDeadline.in("resume discovery", timeoutMillis)));
    }
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
}
