package org.nipcgateway.core.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the NIPC engine hands over the events applications enabled, for whatever delivers them to
 * data apps (the event-streaming module). One per gateway, shared through the gateway context.
 * Listeners are called on an event loop and must not block.
 */
public final class EventHub {
  private final List<DeviceEventListener> listeners = new CopyOnWriteArrayList<>();

  public void listen(DeviceEventListener listener) {
    listeners.add(listener);
  }

  public void publish(DeviceEvent event) {
    listeners.forEach(l -> l.onEvent(event));
  }

  /**
   * An advertisement of a device that is not onboarded, for the data app an operator let have it.
   */
  public void publish(UnonboardedAdvertisement advertisement) {
    listeners.forEach(l -> l.onUnonboardedAdvertisement(advertisement));
  }
}
