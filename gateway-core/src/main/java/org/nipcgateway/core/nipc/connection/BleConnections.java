package org.nipcgateway.core.nipc.connection;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.nipcgateway.core.nipc.operation.RadioCalls;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.RadioException;

/**
 * The gateway's BLE links, one per peripheral, shared by whoever needs it: a single operation
 * (implicit connection, closed when the operation ends), an enabled GATT event (held while it is
 * on) and an application's explicit connection (held until it disconnects). A link closes when its
 * last user lets go, so connection slots never leak; a link the air drops is forgotten at once.
 */
public final class BleConnections implements BleListener {
  private final RadioCalls radios;
  private final int implicitRetries;
  private final Map<String, Link> links = new HashMap<>();
  private final ServiceCache services;

  /** One open (or opening) link and how many hold it. */
  private static final class Link {
    Future<Void> ready;
    int users;
    boolean explicit;
  }

  /** A hold on a link; let go exactly once. */
  public final class Lease {
    private final String mac;
    private final Link link;
    private boolean released;

    private Lease(String mac, Link link) {
      this.mac = mac;
      this.link = link;
    }

    public void release() {
      synchronized (BleConnections.this) {
        if (released) {
          return;
        }
        released = true;
        letGo(mac, link);
      }
    }
  }

  public BleConnections(RadioCalls radios, int implicitRetries, Clock clock) {
    this.radios = radios;
    this.implicitRetries = implicitRetries;
    this.services = new ServiceCache(clock);
  }

  /** What discovery found per peripheral, while it is fresh. */
  ServiceCache services() {
    return services;
  }

  /** A characteristic's GATT properties, when a recent discovery found them. */
  public Optional<List<String>> flags(String mac, GattCharacteristic characteristic) {
    return services
        .get(mac)
        .flatMap(
            found ->
                found.stream()
                    .filter(s -> s.serviceId().equals(characteristic.serviceId()))
                    .flatMap(s -> s.characteristics().stream())
                    .filter(c -> c.characteristicId().equals(characteristic.characteristicId()))
                    .findFirst()
                    .map(GattService.Characteristic::flags));
  }

  /** Runs an operation over a link to the peripheral: the open one, or one opened for it. */
  public <T> Future<T> using(String mac, Set<BleBonding> pairing, Function<String, Future<T>> op) {
    return hold(mac, pairing, implicitRetries)
        .compose(lease -> op.apply(mac).andThen(done -> lease.release()));
  }

  /** Holds a link (opening it with retries when there is none) until the lease is released. */
  public synchronized Future<Lease> hold(String mac, Set<BleBonding> pairing, int retries) {
    String key = key(mac);
    Link link = links.get(key);
    if (link == null) {
      Link opening = new Link();
      opening.ready = connect(mac, pairing, retries);
      links.put(key, opening);
      opening.ready.onFailure(e -> forget(key, opening));
      link = opening;
    }
    link.users++;
    Link held = link;
    return held.ready
        .map(v -> new Lease(key, held))
        .recover(
            e -> {
              synchronized (this) {
                held.users--;
              }
              return Future.failedFuture(e);
            });
  }

  /** Marks the link as the application's explicit connection; false when it already is. */
  public synchronized boolean claim(Lease lease) {
    if (lease.link.explicit) {
      return false;
    }
    lease.link.explicit = true;
    lease.released = true; // the explicit flag now keeps the hold
    return true;
  }

  /** Whether the application holds an explicit connection to the peripheral. */
  public synchronized boolean isExplicit(String mac) {
    Link link = links.get(key(mac));
    return link != null && link.explicit;
  }

  /** Drops the application's explicit connection; false when there is none. */
  public synchronized boolean unclaim(String mac) {
    String key = key(mac);
    Link link = links.get(key);
    if (link == null || !link.explicit) {
      return false;
    }
    link.explicit = false;
    letGo(key, link);
    return true;
  }

  @Override
  public synchronized void connectionChanged(String mac, boolean connected) {
    if (!connected) {
      Link link = links.get(key(mac));
      if (link != null && link.ready.succeeded()) {
        links.remove(key(mac));
      }
    }
  }

  private void letGo(String key, Link link) {
    link.users--;
    if (link.users <= 0 && !link.explicit && links.get(key) == link) {
      links.remove(key);
      radios.ble().disconnect(key);
    }
  }

  private synchronized void forget(String key, Link link) {
    links.remove(key, link);
  }

  private Future<Void> connect(String mac, Set<BleBonding> pairing, int retriesLeft) {
    return radios
        .bounded(radios.ble().connect(mac, pairing))
        .recover(
            e -> {
              if (retriesLeft <= 0
                  || e instanceof RadioException radio
                      && radio.reason() == RadioException.Reason.BONDING_FAILED) {
                return Future.failedFuture(e);
              }
              // The failed attempt may have left a half-open link behind.
              return radios
                  .ble()
                  .disconnect(mac)
                  .transform(v -> connect(mac, pairing, retriesLeft - 1));
            });
  }

  private static String key(String mac) {
    return mac.toUpperCase(Locale.ROOT);
  }
}
