package org.nipcgateway.core.nipc.extension.eventconditional;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.core.events.DeviceEventListener;
import org.nipcgateway.core.nipc.event.EventSubscriptions;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperation;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * Waits for an event whose data is the value asked for (draft-ietf-asdf-nipc, "NIPC API conditional
 * event extension"). The event's radio subscription is held (as a trigger holds it: no data app
 * needs to be registered, and data apps see the event only if it is also enabled) before the
 * request is answered, so an unknown device or event or a radio that cannot turn it on is the
 * request's own problem. The first matching event completes the operation; when none came within
 * the timeout it fails with 504. Either way the subscription is let go.
 */
public final class ConditionalEvents implements DeviceEventListener {
  static final String KIND = "events/conditional";

  private final Vertx vertx;
  private final Affordances affordances;
  private final EventSubscriptions subscriptions;
  private final ExtensionOperations operations;
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

  /** An operation waiting for its event, with the subscription it holds and its deadline. */
  private record Waiting(
      ExtensionOperation operation, byte[] value, EventSubscriptions.Hold hold, long timer) {}

  public ConditionalEvents(
      Vertx vertx,
      Affordances affordances,
      EventSubscriptions subscriptions,
      ExtensionOperations operations) {
    this.vertx = vertx;
    this.affordances = affordances;
    this.subscriptions = subscriptions;
    this.operations = operations;
    subscriptions.listen(this);
  }

  /** Holds the event's subscription and starts waiting. */
  Future<ExtensionOperation> start(String deviceId, String eventName, ConditionalEvent request) {
    return affordances
        .device(deviceId)
        .compose(device -> subscriptions.hold(device, eventName))
        .map(
            hold -> {
              ExtensionOperation operation;
              try {
                operation = operations.start(deviceId, KIND, eventName, request.callback());
              } catch (NipcException full) {
                hold.release();
                throw full;
              }
              long timer =
                  vertx.setTimer(request.timeout() * 1000L, t -> timedOut(operation.instanceId()));
              waiting.put(
                  operation.instanceId(), new Waiting(operation, request.value(), hold, timer));
              return operation;
            });
  }

  @Override
  public void onEvent(DeviceEvent event) {
    byte[] data = event.signal().data();
    List<Waiting> matched =
        waiting.values().stream()
            .filter(w -> w.operation().deviceId().equals(event.deviceId()))
            .filter(w -> w.operation().subject().equals(event.eventName()))
            .filter(w -> Arrays.equals(w.value(), data))
            .toList();
    for (Waiting match : matched) {
      if (waiting.remove(match.operation().instanceId(), match)) {
        vertx.cancelTimer(match.timer());
        match.hold().release();
        operations.complete(
            match.operation(), outcome(match.operation()).put("value", base64(data)));
      }
    }
  }

  private void timedOut(String instanceId) {
    Waiting expired = waiting.remove(instanceId);
    if (expired == null) {
      return;
    }
    expired.hold().release();
    ExtensionOperation operation = expired.operation();
    operations.fail(
        operation,
        NipcException.generic(
            504, "Event " + operation.subject() + " with the value asked for did not come in time"),
        outcome(operation));
  }

  /** Lets go of the subscriptions of operations on deleted devices. */
  public void forget(java.util.Set<String> deletedIds) {
    waiting
        .values()
        .removeIf(
            w -> {
              if (!deletedIds.contains(w.operation().deviceId())) {
                return false;
              }
              vertx.cancelTimer(w.timer());
              w.hold().release();
              return true;
            });
  }

  private static JsonObject outcome(ExtensionOperation operation) {
    return new JsonObject().put("event", operation.subject());
  }

  private static String base64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }
}
