package org.nipcgateway.core.nipc.event;

import io.vertx.core.Future;
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
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeListener;

/**
 * The events the radios listen for, one subscription per device and event however many enabled
 * instances and triggers want it: the first turns the radio side on, the last one off. Radio
 * signals that belong to a subscription go to the {@link DeviceEventListener}s as {@link
 * DeviceEvent}s.
 */
public final class EventSubscriptions implements BleListener, ZigbeeListener {
  private final Affordances affordances;
  private final RadioCalls radios;
  private final BleConnections links;
  private final Scanning scanning;
  private final Clock clock;
  private final Map<Key, Subscription> subscriptions = new HashMap<>();
  private final List<DeviceEventListener> listeners = new CopyOnWriteArrayList<>();

  private record Key(String deviceId, String eventName) {}

  private static final class Subscription {
    EventSource source;
    String namespacedPath;
    Future<Runnable> started;
    int users;
  }

  /** A hold on a subscription; let go exactly once. */
  public final class Hold {
    private final Key key;
    private final Subscription subscription;
    private boolean released;

    private Hold(Key key, Subscription subscription) {
      this.key = key;
      this.subscription = subscription;
    }

    public void release() {
      synchronized (EventSubscriptions.this) {
        if (released) {
          return;
        }
        released = true;
        subscription.users--;
        if (subscription.users == 0 && subscriptions.get(key) == subscription) {
          subscriptions.remove(key);
          subscription.started.onSuccess(Runnable::run);
        }
      }
    }
  }

  public EventSubscriptions(
      Affordances affordances, RadioCalls radios, BleConnections links, Clock clock) {
    this.affordances = affordances;
    this.radios = radios;
    this.links = links;
    this.scanning = new Scanning(radios);
    this.clock = clock;
    radios.radios().ble().ifPresent(ble -> ble.listen(this));
    radios.radios().zigbee().ifPresent(zigbee -> zigbee.listen(this));
  }

  public void listen(DeviceEventListener listener) {
    listeners.add(listener);
  }

  /**
   * Holds the subscription to an event of a device, turning it on when it is the first; fails with
   * invalid-sdf-url for an event the device does not implement, or the radio's problem.
   */
  public Future<Hold> hold(DeviceRecord device, String eventName) {
    return affordances
        .definition(device, eventName, "sdfEvent")
        .map(definition -> EventSource.of(device, eventName, definition.path("sdfProtocolMap")))
        .compose(
            source ->
                affordances
                    .namespacedPath(eventName)
                    .compose(path -> hold(new Key(device.id(), eventName), source, path)));
  }

  private synchronized Future<Hold> hold(Key key, EventSource source, String namespacedPath) {
    Subscription subscription = subscriptions.get(key);
    if (subscription == null) {
      Subscription starting = new Subscription();
      starting.source = source;
      starting.namespacedPath = namespacedPath;
      starting.started = source.start(radios, links, scanning);
      // Registered before the failure handler: the start may already have failed.
      subscriptions.put(key, starting);
      starting.started.onFailure(
          e -> {
            synchronized (this) {
              subscriptions.remove(key, starting);
            }
          });
      subscription = starting;
    }
    subscription.users++;
    Subscription held = subscription;
    return held.started
        .map(v -> new Hold(key, held))
        .recover(
            e -> {
              synchronized (this) {
                held.users--;
              }
              return RadioProblems.recover(e, source.ble(), "Event " + key.eventName(), null);
            });
  }

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
  public void connectionChanged(BleAddress mac, boolean connected) {
    dispatch(new RadioSignal.BleConnection(mac, connected));
  }

  @Override
  public void attributeReport(Eui64 eui64, ZigbeeAttribute attribute, byte[] value) {
    dispatch(new RadioSignal.ZigbeeReport(eui64, attribute, value, false));
  }

  @Override
  public void attributeWritten(Eui64 eui64, ZigbeeAttribute attribute, byte[] value) {
    dispatch(new RadioSignal.ZigbeeReport(eui64, attribute, value, true));
  }

  /**
   * Both radio families report their state; subscriptions do not act on it yet. A radio that goes
   * down drops its links (and so GATT subscriptions), reported as connection changes.
   */
  @Override
  public void stateChanged(RadioState state) {}

  private void dispatch(RadioSignal signal) {
    List<DeviceEvent> events = new ArrayList<>();
    synchronized (this) {
      subscriptions.forEach(
          (key, subscription) -> {
            if (subscription.started.succeeded() && subscription.source.matches(signal)) {
              events.add(
                  new DeviceEvent(
                      key.deviceId(),
                      key.eventName(),
                      subscription.namespacedPath,
                      clock.instant(),
                      signal));
            }
          });
    }
    for (DeviceEvent event : events) {
      listeners.forEach(l -> l.onEvent(event));
    }
  }
}
