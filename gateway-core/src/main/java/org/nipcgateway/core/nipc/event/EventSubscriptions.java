package org.nipcgateway.core.nipc.event;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.core.events.DeviceEventListener;
import org.nipcgateway.core.events.RadioSignal;
import org.nipcgateway.core.nipc.link.BleConnections;
import org.nipcgateway.core.nipc.link.RadioCalls;
import org.nipcgateway.core.nipc.link.RadioProblems;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleAdvertisement;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events the radios listen for, one subscription per device and event however many enabled
 * instances and triggers want it: the first turns the radio side on, the last one off. Radio
 * signals that belong to a subscription go to the {@link DeviceEventListener}s as {@link
 * DeviceEvent}s. When a radio goes down its subscriptions are re-established once it is up again
 * (see {@link Subscription}), with no request asking for it.
 */
public final class EventSubscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(EventSubscriptions.class);

  private final Affordances affordances;
  private final RadioCalls radios;
  private final BleConnections links;
  private final Scanning scanning;
  private final Clock clock;
  private final Vertx vertx;
  private final Map<Key, Subscription> subscriptions = new HashMap<>();
  private final List<DeviceEventListener> listeners = new CopyOnWriteArrayList<>();

  private record Key(String deviceId, String eventName) {}

  /**
   * The subscriptions a GATT notification from a peripheral may belong to: those on its link and
   * those that take no notifications of their own peripheral (asked as before). Built when first
   * needed after {@link #subscriptions} changed; null until then. A notification used to ask every
   * subscription, which at 50 notifying peripherals was the engine's largest cost per event.
   */
  private Map<BleAddress, List<Map.Entry<Key, Subscription>>> byPeripheral;

  private List<Map.Entry<Key, Subscription>> withoutPeripheral;

  /** A hold on a subscription; let go exactly once. */
  public final class Hold {
    private final Key key;
    private final Subscription subscription;
    private boolean released;

    private Hold(Key key, Subscription subscription) {
      this.key = key;
      this.subscription = subscription;
    }

    /** {@code active}, {@code re-establishing} or {@code failed: <problem>}. */
    public String state() {
      return subscription.state();
    }

    public void release() {
      synchronized (EventSubscriptions.this) {
        if (released) {
          return;
        }
        released = true;
        if (subscription.removeUser()) {
          subscriptions.remove(key, subscription);
          byPeripheral = null;
          subscription.close();
        }
      }
    }
  }

  public EventSubscriptions(
      Affordances affordances, RadioCalls radios, BleConnections links, Clock clock, Vertx vertx) {
    this.affordances = affordances;
    this.radios = radios;
    this.links = links;
    this.scanning = new Scanning(radios);
    this.clock = clock;
    this.vertx = vertx;
    radios.radios().ble().ifPresent(ble -> ble.listen(new BleSignals()));
    radios.radios().zigbee().ifPresent(zigbee -> zigbee.listen(new ZigbeeSignals()));
  }

  /**
   * Holds BLE scanning on, shared with advertisement events, until the returned action runs: for
   * extensions that wait for a device to advertise (a Bulk's advertisement trigger).
   */
  public Future<Runnable> holdScanning() {
    return scanning.hold().map(held -> held::release);
  }

  /**
   * A hold on BLE scanning for a holder that outlives radio outages: {@code forget} when the radio
   * went down (it stopped scanning by itself), then hold anew once it is up.
   */
  public record ScanningHold(Runnable release, Runnable forget) {}

  /** Holds BLE scanning on, shared with advertisement events, for a long-lived holder. */
  public Future<ScanningHold> holdScanningAcrossOutages() {
    return scanning.hold().map(held -> new ScanningHold(held::release, held::forget));
  }

  public void listen(DeviceEventListener listener) {
    listeners.add(listener);
  }

  /**
   * Holds the subscription to an event of a device, turning it on when it is the first; fails with
   * invalid-sdf-url for an event the device does not implement, or the radio's problem.
   */
  public Future<Hold> hold(DeviceRecord device, String eventName) {
    return hold(device, eventName, false);
  }

  /**
   * Holds the subscription to an event restored after a restart: the hold is there at once, and the
   * radio side is started in the background, retried with backoff until it holds. Fails only when
   * the device no longer implements the event.
   */
  public Future<Hold> restore(DeviceRecord device, String eventName) {
    return hold(device, eventName, true);
  }

  private Future<Hold> hold(DeviceRecord device, String eventName, boolean restored) {
    return affordances
        .definition(device, eventName, "sdfEvent")
        .map(definition -> EventSource.of(device, eventName, definition.path("sdfProtocolMap")))
        .compose(
            source ->
                affordances
                    .namespacedPath(eventName)
                    .compose(
                        path -> hold(new Key(device.id(), eventName), source, path, restored)));
  }

  private synchronized Future<Hold> hold(
      Key key, EventSource source, String namespacedPath, boolean restored) {
    Subscription subscription = subscriptions.get(key);
    if (subscription == null) {
      Subscription starting =
          new Subscription(
              "Event " + key.eventName() + " on " + key.deviceId(),
              source,
              namespacedPath,
              () -> source.start(radios, links, scanning),
              vertx,
              restored);
      // Registered before the failure handler: the start may already have failed.
      subscriptions.put(key, starting);
      byPeripheral = null;
      starting
          .started()
          .onFailure(
              e -> {
                synchronized (this) {
                  subscriptions.remove(key, starting);
                  byPeripheral = null;
                }
              });
      subscription = starting;
    }
    subscription.addUser();
    Subscription held = subscription;
    return held.started()
        .map(v -> new Hold(key, held))
        .recover(
            e -> {
              held.removeUser();
              return RadioProblems.recover(e, source.ble(), "Event " + key.eventName(), null);
            });
  }

  /**
   * A radio went down (or is recovering), or is up again. Down, its subscriptions forget what the
   * radio lost; up, they start again in the background. Both radio families report this; a driver
   * that recovers on its own and says so is simply re-established once more, which is harmless.
   */
  private void radioChanged(boolean ble, RadioState state) {
    List<Subscription> affected;
    synchronized (this) {
      affected = subscriptions.values().stream().filter(s -> s.source().ble() == ble).toList();
    }
    String radio = ble ? "BLE" : "Zigbee";
    if (state == RadioState.UP) {
      if (!affected.isEmpty()) {
        LOG.info(
            "{} radio is up: re-establishing {} event subscription(s)", radio, affected.size());
      }
      affected.forEach(Subscription::radioBack);
    } else {
      affected.forEach(Subscription::radioLost);
    }
  }

  /**
   * A peripheral's link dropped or came back while its radio stayed up. Dropped, the subscriptions
   * that lived on it start again (reconnecting with backoff); back, one waiting to retry tries now.
   * A link that drops because the radio went down is left to {@link #radioChanged}.
   */
  private void linkChanged(BleAddress mac, boolean connected) {
    // Every implicit link of an operation comes here twice: most find no subscription to tell.
    List<Subscription> affected = null;
    synchronized (this) {
      for (Subscription subscription : subscriptions.values()) {
        if (subscription.source().onLinkTo(mac)) {
          if (affected == null) {
            affected = new ArrayList<>();
          }
          affected.add(subscription);
        }
      }
    }
    if (affected == null
        || !connected && radios.radios().ble().map(r -> r.state() != RadioState.UP).orElse(true)) {
      return;
    }
    for (Subscription subscription : affected) {
      if (connected) {
        subscription.linkBack();
      } else {
        subscription.linkLost();
      }
    }
  }

  private void dispatch(RadioSignal signal) {
    List<DeviceEvent> events = new ArrayList<>(1);
    synchronized (this) {
      if (signal instanceof RadioSignal.BleNotification n) {
        indexByPeripheral();
        collect(byPeripheral.getOrDefault(n.mac(), List.of()), signal, events);
        collect(withoutPeripheral, signal, events);
      } else {
        collect(subscriptions.entrySet(), signal, events);
      }
    }
    for (DeviceEvent event : events) {
      listeners.forEach(l -> l.onEvent(event));
    }
  }

  private void collect(
      Iterable<Map.Entry<Key, Subscription>> candidates,
      RadioSignal signal,
      List<DeviceEvent> events) {
    for (Map.Entry<Key, Subscription> entry : candidates) {
      Subscription subscription = entry.getValue();
      if (subscription.delivering() && subscription.source().matches(signal)) {
        events.add(
            new DeviceEvent(
                entry.getKey().deviceId(),
                entry.getKey().eventName(),
                subscription.namespacedPath(),
                clock.instant(),
                signal));
      }
    }
  }

  private void indexByPeripheral() {
    if (byPeripheral != null) {
      return;
    }
    Map<BleAddress, List<Map.Entry<Key, Subscription>>> index = new HashMap<>();
    List<Map.Entry<Key, Subscription>> rest = new ArrayList<>();
    subscriptions.forEach(
        (key, subscription) -> {
          BleAddress mac = subscription.source().notifyingPeripheral();
          Map.Entry<Key, Subscription> entry = Map.entry(key, subscription);
          if (mac == null) {
            rest.add(entry);
          } else {
            index.computeIfAbsent(mac, m -> new ArrayList<>()).add(entry);
          }
        });
    byPeripheral = index;
    withoutPeripheral = rest;
  }

  /** What the BLE radio reports. */
  private final class BleSignals implements BleListener {
    @Override
    public void notification(
        BleAddress mac, GattCharacteristic characteristic, byte[] value, boolean indication) {
      dispatch(new RadioSignal.BleNotification(mac, characteristic, value, indication));
    }

    @Override
    public void advertisement(BleAdvertisement advertisement) {
      dispatch(RadioSignal.BleAdvertisement.of(advertisement));
    }

    @Override
    public void connectionChanged(BleLink link, boolean connected) {
      dispatch(new RadioSignal.BleConnection(link.address(), connected));
      if (connected || !links.replaced(link)) {
        // A late close of a link already replaced took nothing from the subscriptions on the new
        // one.
        linkChanged(link.address(), connected);
      }
    }

    @Override
    public void stateChanged(RadioState state) {
      radioChanged(true, state);
    }
  }

  /** What the Zigbee radio reports. */
  private final class ZigbeeSignals implements ZigbeeListener {
    @Override
    public void attributeReport(Eui64 eui64, ZigbeeAttribute attribute, byte[] value) {
      dispatch(new RadioSignal.ZigbeeReport(eui64, attribute, value, false));
    }

    @Override
    public void attributeWritten(Eui64 eui64, ZigbeeAttribute attribute, byte[] value) {
      dispatch(new RadioSignal.ZigbeeReport(eui64, attribute, value, true));
    }

    @Override
    public void stateChanged(RadioState state) {
      radioChanged(false, state);
    }
  }
}
