package org.nipcgateway.core.nipc.link;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
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
  private final Map<BleAddress, Link> links = new HashMap<>();
  private final ServiceCache services;

  /** One open (or opening) link and how many hold it. */
  private static final class Link {
    Future<Void> ready;
    int users;
    boolean explicit;
  }

  /** A hold on a link; let go exactly once. */
  public final class Lease {
    private final BleAddress mac;
    private final Link link;
    private boolean released;

    private Lease(BleAddress mac, Link link) {
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

  /** The services discovery found for the peripheral, unless they expired. */
  public Optional<List<GattService>> cachedServices(BleAddress mac) {
    return services.get(mac);
  }

  /** Keeps what discovery found for as long as the connection request asked. */
  public void cacheServices(BleAddress mac, List<GattService> found, java.time.Duration keep) {
    services.put(mac, found, keep);
  }

  /** A characteristic's GATT properties, when a recent discovery found them. */
  public Optional<List<String>> flags(BleAddress mac, GattCharacteristic characteristic) {
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
  public <T> Future<T> using(BleConnectRequest request, Function<BleAddress, Future<T>> op) {
    return hold(request, implicitRetries)
        .compose(lease -> op.apply(request.address()).andThen(done -> lease.release()));
  }

  /** Holds a link (opening it with retries when there is none) until the lease is released. */
  public synchronized Future<Lease> hold(BleConnectRequest request, int retries) {
    BleAddress key = request.address();
    Link link = links.get(key);
    if (link == null) {
      Link opening = new Link();
      opening.ready = connect(request, retries);
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
  public synchronized boolean isExplicit(BleAddress mac) {
    Link link = links.get(mac);
    return link != null && link.explicit;
  }

  /** Drops the application's explicit connection; false when there is none. */
  public synchronized boolean unclaim(BleAddress key) {
    Link link = links.get(key);
    if (link == null || !link.explicit) {
      return false;
    }
    link.explicit = false;
    letGo(key, link);
    return true;
  }

  @Override
  public synchronized void connectionChanged(BleAddress mac, boolean connected) {
    if (!connected) {
      Link link = links.get(mac);
      if (link != null && link.ready.succeeded()) {
        links.remove(mac);
      }
    }
  }

  private void letGo(BleAddress key, Link link) {
    link.users--;
    if (link.users <= 0 && !link.explicit && links.get(key) == link) {
      links.remove(key);
      radios.ble().disconnect(key);
    }
  }

  /** A rejected pairing or a radio that is down will fail the same way again at once. */
  private static boolean worthRetrying(RadioException failure) {
    return failure.reason() != RadioException.Reason.BONDING_FAILED
        && failure.reason() != RadioException.Reason.RADIO_DOWN;
  }

  private synchronized void forget(BleAddress key, Link link) {
    links.remove(key, link);
  }

  private Future<Void> connect(BleConnectRequest request, int retriesLeft) {
    return radios
        .bounded(radios.ble().connect(request))
        .recover(
            e -> {
              if (retriesLeft <= 0 || e instanceof RadioException radio && !worthRetrying(radio)) {
                return Future.failedFuture(e);
              }
              // The failed attempt may have left a half-open link behind.
              return radios
                  .ble()
                  .disconnect(request.address())
                  .transform(v -> connect(request, retriesLeft - 1));
            });
  }
}
