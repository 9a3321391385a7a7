package org.nipcgateway.core.events;

/**
 * Receives the events of enabled subscriptions (triggers, and the data-app delivery). Called on an
 * event loop; must not block.
 */
public interface DeviceEventListener {
  void onEvent(DeviceEvent event);

  /**
   * An advertisement of a device that is not onboarded, for the one data app an operator let
   * receive them; only delivery takes these, so the default ignores it.
   */
  default void onUnonboardedAdvertisement(UnonboardedAdvertisement advertisement) {}
}
