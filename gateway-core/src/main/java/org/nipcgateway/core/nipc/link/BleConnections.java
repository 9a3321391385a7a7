package org.nipcgateway.core.nipc.link;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's BLE links, one per peripheral, shared by whoever needs it: a single operation
 * (implicit connection, closed when the operation ends), an enabled GATT event (held while it is
 * on) and an application's explicit connection (held until it disconnects). A link closes when its
 * last user lets go, so connection slots never leak; a link the air drops is forgotten at once.
 * Explicit connections outlive the radio going down: they are reopened in the background once it is
 * up again, and until then they are still the application's to close. A close the radio tells after
 * a newer link to the same peripheral opened belongs to the link replaced, and changes nothing.
 */
public final class BleConnections implements BleListener {
  private static final Logger LOG = LoggerFactory.getLogger(BleConnections.class);

  private final RadioCalls radios;
  private final int implicitRetries;
  private final Vertx vertx;
  private final Map<BleAddress, Link> links = new HashMap<>();
  private final ServiceCache services;

  /**
   * The newest link known per peripheral, from connect results and open events alike: a close for
   * an older one is late news of a link already replaced.
   */
  private final Map<BleAddress, BleLink> newest = new HashMap<>();

  /** Explicit connections the radio lost by going down, with their retry once it is back. */
  private final Map<BleAddress, Restoring> restoring = new HashMap<>();

  /** One open (or opening) link and how many hold it. */
  private static final class Link {
    BleConnectRequest request;
    Future<BleLink> ready;
    int users;
    boolean explicit;
  }

  /** An explicit connection to reopen. */
  private static final class Restoring {
    final BleConnectRequest request;
    BackgroundRetry retry;

    Restoring(BleConnectRequest request) {
      this.request = request;
    }

    void stop() {
      if (retry != null) {
        retry.cancel();
        retry = null;
      }
    }
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

  public BleConnections(RadioCalls radios, int implicitRetries, Clock clock, Vertx vertx) {
    this.radios = radios;
    this.implicitRetries = implicitRetries;
    this.vertx = vertx;
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

  /**
   * Runs an operation over a link to the peripheral: the open one, or one opened for it. The hold
   * is taken and let go without a lease or a future stage when the link is up (or answers at once),
   * which is every read through a radio that answers without delay.
   */
  public <T> Future<T> using(BleConnectRequest request, Function<BleAddress, Future<T>> op) {
    BleAddress key = request.address();
    Link link = join(request, implicitRetries);
    Future<BleLink> ready = link.ready;
    if (ready.succeeded()) {
      return run(key, link, op);
    }
    if (ready.failed()) {
      unjoin(link);
      return Future.failedFuture(ready.cause());
    }
    return ready.transform(
        opened -> {
          if (opened.failed()) {
            unjoin(link);
            return Future.failedFuture(opened.cause());
          }
          return run(key, link, op);
        });
  }

  /** The operation on a held link, let go as soon as it ends (at once when it answered at once). */
  private <T> Future<T> run(BleAddress key, Link link, Function<BleAddress, Future<T>> op) {
    Future<T> result;
    try {
      result = op.apply(key);
    } catch (RuntimeException e) {
      release(key, link);
      return Future.failedFuture(e);
    }
    if (result.isComplete()) {
      release(key, link);
      return result;
    }
    return result.andThen(done -> release(key, link));
  }

  private synchronized void release(BleAddress key, Link link) {
    letGo(key, link);
  }

  private synchronized void unjoin(Link link) {
    link.users--;
  }

  /** Holds a link (opening it with retries when there is none) until the lease is released. */
  public Future<Lease> hold(BleConnectRequest request, int retries) {
    BleAddress key = request.address();
    Link held = join(request, retries);
    return held.ready.transform(
        opened -> {
          if (opened.failed()) {
            unjoin(held);
            return Future.failedFuture(opened.cause());
          }
          return Future.succeededFuture(new Lease(key, held));
        });
  }

  /** The peripheral's link, opened (with retries) when there is none, with one more user. */
  private synchronized Link join(BleConnectRequest request, int retries) {
    BleAddress key = request.address();
    Link link = links.get(key);
    if (link == null) {
      Link opening = new Link();
      opening.request = request;
      opening.ready = connect(request, retries);
      links.put(key, opening);
      if (opening.ready.failed()) {
        links.remove(key, opening);
      } else if (opening.ready.succeeded()) {
        seen(opening.ready.result());
      } else {
        opening.ready.onComplete(
            opened -> {
              if (opened.succeeded()) {
                seen(opened.result());
              } else {
                forget(key, opening);
              }
            });
      }
      link = opening;
    }
    link.users++;
    return link;
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
    return link != null && link.explicit || restoring.containsKey(mac);
  }

  /** Drops the application's explicit connection; false when there is none. */
  public synchronized boolean unclaim(BleAddress key) {
    Restoring lost = restoring.remove(key);
    if (lost != null) {
      if (lost.retry != null) {
        lost.retry.cancel();
      }
      return true;
    }
    Link link = links.get(key);
    if (link == null || !link.explicit) {
      return false;
    }
    link.explicit = false;
    letGo(key, link);
    return true;
  }

  /**
   * Whether a newer link to the same peripheral is known than this one: its close is then late news
   * of a link already replaced, and nothing that holds the newer one lost anything.
   */
  public synchronized boolean replaced(BleLink link) {
    BleLink latest = newest.get(link.address());
    return latest != null && latest.newerThan(link);
  }

  @Override
  public synchronized void connectionChanged(BleLink changed, boolean connected) {
    if (connected) {
      seen(changed);
      return;
    }
    if (replaced(changed)) {
      LOG.debug("Late close of a replaced link to {} ignored", changed.address());
      return;
    }
    Link link = links.get(changed.address());
    if (link != null && link.ready.succeeded()) {
      links.remove(changed.address());
    }
  }

  /** Keeps {@code link} as the peripheral's newest unless a newer one is known. */
  private synchronized void seen(BleLink link) {
    BleLink latest = newest.get(link.address());
    if (latest == null || link.newerThan(latest)) {
      newest.put(link.address(), link);
    }
  }

  /**
   * Down, the explicit connections are remembered (the radio drops their links next); up again,
   * each is reopened in the background with backoff and claimed again for the application.
   */
  @Override
  public void stateChanged(RadioState state) {
    List<Restoring> reopen;
    synchronized (this) {
      if (state != RadioState.UP) {
        links.forEach(
            (mac, link) -> {
              if (link.explicit) {
                restoring.putIfAbsent(mac, new Restoring(link.request));
              }
            });
        // Whatever the driver reports about each link, none survives the radio going down.
        links.clear();
        restoring.values().forEach(Restoring::stop);
        return;
      }
      reopen = List.copyOf(restoring.values());
    }
    reopen.forEach(this::reopen);
  }

  private void reopen(Restoring lost) {
    BleAddress mac = lost.request.address();
    BackgroundRetry retry =
        BackgroundRetry.start(
            vertx,
            Backoff.RADIO,
            () -> hold(lost.request, 0).onSuccess(lease -> reopened(lost, lease)),
            e -> LOG.debug("Explicit connection to {} not reopened yet: {}", mac, e.getMessage()));
    synchronized (this) {
      lost.retry = retry;
    }
  }

  private synchronized void reopened(Restoring lost, Lease lease) {
    BleAddress mac = lost.request.address();
    if (restoring.get(mac) != lost || !claim(lease)) {
      // The application closed it meanwhile (or opened a new one).
      lease.release();
      return;
    }
    restoring.remove(mac);
    LOG.info("Explicit connection to {} reopened after the radio returned", mac);
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

  private Future<BleLink> connect(BleConnectRequest request, int retriesLeft) {
    Future<BleLink> attempt = radios.bounded(radios.ble().connect(request));
    if (attempt.succeeded()) {
      return attempt; // no retry stage to build for a link that opened at once
    }
    return attempt.recover(
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
