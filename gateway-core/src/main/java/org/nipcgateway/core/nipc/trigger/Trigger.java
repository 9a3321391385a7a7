package org.nipcgateway.core.nipc.trigger;

import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.nipc.event.EventSubscriptions;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * An installed trigger, on a device or on each device of a group: when the event happens on one of
 * them, the action runs.
 */
public record Trigger(
    String instanceId,
    String ownerId,
    String eventName,
    ActionReference action,
    List<Member> members) {

  public Trigger {
    members = List.copyOf(members);
  }

  /** The trigger on one device: the event subscription it holds, or why it could not be set. */
  public record Member(
      String deviceId, Optional<EventSubscriptions.Hold> hold, Optional<NipcException> problem) {}

  boolean listensTo(String deviceId, String event) {
    return eventName.equals(event)
        && members.stream().anyMatch(m -> m.deviceId().equals(deviceId) && m.hold().isPresent());
  }

  void release() {
    members.forEach(m -> m.hold().ifPresent(EventSubscriptions.Hold::release));
  }
}
