package org.nipcgateway.core.nipc.event;

import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * One enabled event, on a device or on the devices of a group: its instance id and, per device, the
 * subscription it holds or the problem that kept it from being enabled.
 */
public record EventInstance(
    String instanceId, String ownerId, String eventName, List<Member> members) {

  public EventInstance {
    members = List.copyOf(members);
  }

  /** The event on one device. */
  public record Member(
      String deviceId, Optional<EventSubscriptions.Hold> hold, Optional<NipcException> problem) {}

  void release() {
    members.forEach(m -> m.hold().ifPresent(EventSubscriptions.Hold::release));
  }
}
