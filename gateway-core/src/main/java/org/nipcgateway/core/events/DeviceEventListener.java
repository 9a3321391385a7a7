package org.nipcgateway.core.events;

/**
 * Receives the events of enabled subscriptions (triggers, and the data-app delivery). Called on an
 * event loop; must not block.
 */
public interface DeviceEventListener {
  void onEvent(DeviceEvent event);
}
