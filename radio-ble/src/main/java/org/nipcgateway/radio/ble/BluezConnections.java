package org.nipcgateway.radio.ble;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bluez.Device1;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleConnectRequest;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's links: {@code Device1.Connect}/{@code Disconnect} within the adapter's connection
 * slots, and the connection events the gateway hears. A connection it opens is reported when it is
 * usable (connected, paired as needed, services resolved); links that drop are reported from {@code
 * Device1.Connected} or the device's removal.
 */
final class BluezConnections {
  private static final Logger LOG = LoggerFactory.getLogger(BluezConnections.class);

  private final BluezSession session;
  private final BluezSettings settings;
  private final BluezCalls calls;
  private final BluezTree tree;
  private final BluezAgent agent;
  private final BluezDevices devices;
  private final BluezSlots slots;

  /** Links reported open, by peripheral; each numbered from {@link #generations}. */
  private final Map<BleAddress, BleLink> reported = new ConcurrentHashMap<>();

  private final AtomicLong generations = new AtomicLong();
  private final Set<String> connecting = ConcurrentHashMap.newKeySet();

  BluezConnections(
      BluezSession session,
      BluezSettings settings,
      BluezCalls calls,
      BluezTree tree,
      BluezAgent agent,
      BluezDevices devices,
      BluezSlots slots) {
    this.session = session;
    this.settings = settings;
    this.calls = calls;
    this.tree = tree;
    this.agent = agent;
    this.devices = devices;
    this.slots = slots;
  }

  /**
   * Waits for one of the adapter's connection slots (see {@link BluezSlots}), then connects within
   * what is left of the connect time-out. A failed attempt gives its slot back.
   */
  Future<BleLink> connect(BleConnectRequest request) {
    if (!session.up()) {
      return session.down();
    }
    BleAddress address = request.address();
    long asked = System.nanoTime();
    return slots
        .take(address)
        .compose(
            slot -> {
              long left =
                  settings.connectTimeoutMillis()
                      - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
              return attempt(request, Math.max(1, left));
            })
        .onFailure(
            failure -> {
              if (!reported.containsKey(address)
                  && !(failure instanceof RadioException e && e.reason() == Reason.TIMEOUT)) {
                slots.release(address); // a timed-out attempt gives it back once it is cancelled
              }
            });
  }

  private Future<BleLink> attempt(BleConnectRequest request, long timeoutMillis) {
    BluezDeadline deadline = BluezDeadline.in("connect " + request.address(), timeoutMillis);
    return calls
        .<BleLink>call(
            request.address().toString(),
            deadline,
            () -> connectBlocking(request, deadline),
            e -> {
              throw confirmed(BluezFailures.failure(e, "connect"), deadline);
            })
        .onFailure(
            failure -> {
              if (failure instanceof RadioException e && e.reason() == Reason.TIMEOUT) {
                cancel(request.address());
              }
            });
  }

  /**
   * Undoes a connect given up at its deadline, in the device's lane: after the attempt (which
   * bluetoothd may still complete) and before any connect asked after it.
   */
  private void cancel(BleAddress address) {
    BluezDeadline deadline =
        BluezDeadline.in("disconnect " + address, settings.operationTimeoutMillis());
    calls
        .<Void>call(
            address.toString(),
            deadline,
            () -> {
              disconnectBlocking(address, deadline);
              return null;
            },
            e -> null)
        .onFailure(
            f -> {
              LOG.debug("cancelling the connect of {}: {}", address, f.getMessage());
              slots.release(address); // as a disconnect does, answered or not
            });
  }

  private BleLink connectBlocking(BleConnectRequest request, BluezDeadline deadline)
      throws DBusException {
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
        session.bus().object(device, Device1.class, deadline).Connect();
      } catch (DBusExecutionException e) {
        if (!BluezFailures.is(e, "AlreadyConnected")) {
          connecting.remove(device);
          throw confirmed(BluezFailures.failure(e, "connect"), deadline);
        }
      } catch (RadioException e) {
        connecting.remove(device);
        throw e;
      } finally {
        agent.done(device);
      }
      try {
        // The reply can overtake the signals sent before it (they are handled on another thread):
        // read the device's state once so that the tree is no older than the reply.
        tree.changed(
            device,
            BluezTree.DEVICE,
            session.bus().object(device, Properties.class, deadline).GetAll(BluezTree.DEVICE),
            List.of());
        boolean settled =
            tree.await(
                t ->
                    t.flag(device, BluezTree.DEVICE, "ServicesResolved")
                        || !t.flag(device, BluezTree.DEVICE, "Connected"),
                deadline.remainingMillis());
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
    return opened(request.address());
  }

  /** The link reported open to the peripheral: this one, numbered and reported when it is new. */
  private BleLink opened(BleAddress address) {
    boolean[] fresh = {false};
    BleLink link =
        reported.computeIfAbsent(
            address,
            a -> {
              fresh[0] = true;
              return new BleLink(a, generations.incrementAndGet());
            });
    if (fresh[0]) {
      session.emit(l -> l.connectionChanged(link, true));
    }
    return link;
  }

  Future<Void> disconnect(BleAddress device) {
    if (!session.up()) {
      return Future.succeededFuture();
    }
    BluezDeadline deadline =
        BluezDeadline.in("disconnect " + device, settings.operationTimeoutMillis());
    return calls.call(
        device.toString(),
        deadline,
        () -> {
          disconnectBlocking(device, deadline);
          return null;
        },
        e -> {
          throw BluezFailures.failure(e, "disconnect");
        });
  }

  private void disconnectBlocking(BleAddress address, BluezDeadline deadline) {
    Optional<String> device = devices.path(address);
    BluezBus bus = session.bus();
    if (device.isEmpty() || bus == null) {
      return;
    }
    String path = device.get();
    if (tree.flag(path, BluezTree.DEVICE, "Connected")) {
      try {
        bus.object(path, Device1.class, deadline).Disconnect();
      } catch (DBusException | DBusExecutionException | RadioException e) {
        LOG.debug("disconnecting {}: {}", address, e.getMessage());
      }
      tree.await(t -> !t.flag(path, BluezTree.DEVICE, "Connected"), deadline.remainingMillis());
    }
    slots.release(address);
    closed(address);
  }

  /** The object path of a connected device; fails as a lost link when it is not connected. */
  String connected(BleAddress device) {
    return devices
        .path(device)
        .filter(path -> tree.flag(path, BluezTree.DEVICE, "Connected"))
        .orElseThrow(
            () -> new RadioException(Reason.CONNECTION_FAILED, device + " is not connected"));
  }

  /**
   * A lost link, checked against the adapter: when the adapter is gone (its objects leave the bus
   * before its own removal is announced) the failure is the radio's, not the link's. Blocking,
   * until the operation's deadline at most.
   */
  RadioException confirmed(RadioException failure, BluezDeadline deadline) {
    if (failure.reason() != Reason.CONNECTION_FAILED) {
      return failure;
    }
    try {
      Object powered =
          session
              .bus()
              .object(session.adapterPath(), Properties.class, deadline)
              .<Object>Get(BluezTree.ADAPTER, "Powered");
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

  /** Links the adapter already holds (from before the driver started) take their slots. */
  void adopt() {
    for (String device :
        tree.find(BluezTree.DEVICE, p -> Boolean.TRUE.equals(p.get("Connected")))) {
      devices.addressOf(device).filter(a -> devices.onAdapter(device)).ifPresent(slots::occupied);
    }
  }

  /**
   * {@code Device1.Connected} changed: a drop frees the slot and is reported; a link the driver did
   * not open itself (the peripheral or another client connected) takes a slot and is reported.
   */
  void connectedChanged(String path, BleAddress address, boolean connected) {
    if (!connected) {
      slots.release(address);
      closed(address);
    } else if (!connecting.contains(path) && devices.onAdapter(path)) {
      slots.occupied(address);
      opened(address);
    }
  }

  /** The device left the bus: its link, if any, is closed. */
  void removed(BleAddress address) {
    slots.release(address);
    closed(address);
  }

  /** The radio went down: every link reported open is reported closed. */
  void allClosed() {
    for (BleAddress address : Set.copyOf(reported.keySet())) {
      closed(address);
    }
  }

  /** Connections the driver reported open (its share of the adapter's slots). */
  int count() {
    return reported.size();
  }

  private void closed(BleAddress address) {
    BleLink link = reported.remove(address);
    if (link != null) {
      session.emit(l -> l.connectionChanged(link, false));
    }
  }
}
