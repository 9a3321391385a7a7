package org.nipcgateway.core.nipc.event;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * One device's part in an enabled event or an installed trigger: the subscription it holds, or the
 * problem that kept the event from being turned on for it.
 */
public record DeviceHold(
    String deviceId, Optional<EventSubscriptions.Hold> hold, Optional<NipcException> problem) {

  /**
   * Holds the event's subscription on the device. A NIPC problem (unknown device or event, a radio
   * failure) becomes this device's problem rather than failing the whole request.
   */
  public static Future<DeviceHold> acquire(
      Affordances affordances,
      EventSubscriptions subscriptions,
      String deviceId,
      String eventName) {
    return affordances
        .device(deviceId)
        .compose(device -> subscriptions.hold(device, eventName))
        .map(hold -> new DeviceHold(deviceId, Optional.of(hold), Optional.empty()))
        .recover(
            e ->
                e instanceof NipcException problem
                    ? Future.succeededFuture(
                        new DeviceHold(deviceId, Optional.empty(), Optional.of(problem)))
                    : Future.failedFuture(e));
  }

  /**
   * The holds of devices that are not among {@code deletedIds}; the others are added to {@code
   * released} (for the caller to release once it left its lock).
   */
  public static List<DeviceHold> withoutDeleted(
      List<DeviceHold> holds, Set<String> deletedIds, List<DeviceHold> released) {
    List<DeviceHold> kept = new ArrayList<>();
    for (DeviceHold hold : holds) {
      (deletedIds.contains(hold.deviceId()) ? released : kept).add(hold);
    }
    return kept;
  }

  /**
   * {@code active}, {@code re-establishing} or {@code failed: <problem>}; a device whose event was
   * never turned on has only its problem.
   */
  public Optional<String> state() {
    return hold.map(EventSubscriptions.Hold::state);
  }

  public void release() {
    hold.ifPresent(EventSubscriptions.Hold::release);
  }
}
