package org.nipcgateway.core.nipc.event;

import java.util.List;

/**
 * One enabled event, on a device or on the devices of a group: its instance id and, per device, the
 * subscription it holds or the problem that kept it from being enabled.
 */
public record EventInstance(
    String instanceId, String ownerId, String eventName, List<DeviceHold> members) {

  public EventInstance {
    members = List.copyOf(members);
  }

  void release() {
    members.forEach(DeviceHold::release);
  }
}
