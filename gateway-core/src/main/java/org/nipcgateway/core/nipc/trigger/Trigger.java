package org.nipcgateway.core.nipc.trigger;

import java.util.List;
import org.nipcgateway.core.nipc.event.DeviceHold;

/**
 * An installed trigger, on a device or on each device of a group: when the event happens on one of
 * them, the action runs.
 */
public record Trigger(
    String instanceId,
    String ownerId,
    String eventName,
    ActionReference action,
    List<DeviceHold> members) {

  public Trigger {
    members = List.copyOf(members);
  }

  boolean listensTo(String deviceId, String event) {
    return eventName.equals(event)
        && members.stream().anyMatch(m -> m.deviceId().equals(deviceId) && m.hold().isPresent());
  }

  void release() {
    members.forEach(DeviceHold::release);
  }
}
