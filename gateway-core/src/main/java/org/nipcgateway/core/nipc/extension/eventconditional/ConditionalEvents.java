package org.nipcgateway.core.nipc.extension.eventconditional;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.core.events.DeviceEventListener;
import org.nipcgateway.core.nipc.event.EventSubscriptions;
import org.nipcgateway.core.nipc.extension.callback.BodyId;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperation;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;

/**
 * Waits for an event whose data is the value asked for (draft-ietf-asdf-nipc, "NIPC API conditional
 * event extension"). The event's radio subscription is held (as a trigger holds it: no data app
 * needs to be registered, and data apps see the event only if it is also enabled) before the
 * request is answered, so an unknown device or event or a radio that cannot turn it on is the
 * request's own problem. The first matching event completes the operation; when none came within
 * the timeout it fails with 504. Either way the subscription is let go. A bulk's conditional event
 * listens from when the bulk starts ({@link #listen}): the first matching event is kept until the
 * bulk reaches the step ({@link #reached}), whose timeout counts from then; {@link #stop} lets go
 * when the bulk ends. The waits of one bulk form a group: an occurrence completes only the first of
 * the group's waits (by order) it matches, so two steps waiting for the same event need two; waits
 * of different groups (other bulks, standalone requests) each see every occurrence.
 */
public final class ConditionalEvents implements DeviceEventListener {
  static final String KIND = "events/conditional";

  private final Vertx vertx;
  private final Affordances affordances;
  private final EventSubscriptions subscriptions;
  private final ExtensionOperations operations;

  /** The timer of a bulk's wait not reached yet: none runs. */
  private static final long NO_TIMER = -1;

  /**
   * Guarded by {@code this}: an occurrence must pick and remove the waits it completes in one step,
   * or two occurrences (or an occurrence and a step reached meanwhile) could both take one wait.
   */
  private final Map<String, Waiting> waiting = new HashMap<>();

  /**
   * A wait for an event, with the subscription it holds and its deadline; {@code group} and {@code
   * order} say which waits share occurrences (see the class comment).
   */
  private record Waiting(
      String deviceId,
      String eventName,
      byte[] value,
      Object group,
      int order,
      EventSubscriptions.Hold hold,
      long timer,
      Promise<byte[]> matched) {
    boolean wants(DeviceEvent event, byte[] data) {
      return deviceId.equals(event.deviceId())
          && eventName.equals(event.eventName())
          && Arrays.equals(value, data);
    }

    Waiting withTimer(long timer) {
      return new Waiting(deviceId, eventName, value, group, order, hold, timer, matched);
    }

    /** Lets go of what the wait holds; called once it left {@link #waiting}, outside the lock. */
    void end(Vertx vertx) {
      vertx.cancelTimer(timer);
      hold.release();
    }
  }

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
    return hold(deviceId, eventName)
        .map(
            hold -> {
              ExtensionOperation operation;
              try {
                operation =
                    operations.start(
                        deviceId, KIND, eventName, request.callback(), BodyId.INSTANCE);
              } catch (NipcException full) {
                hold.release();
                throw full;
              }
              wait(deviceId, eventName, request, hold)
                  .onSuccess(
                      data ->
                          operations.complete(
                              operation, outcome(eventName).put("value", base64(data))))
                  .onFailure(e -> failed(operation, (NipcException) e));
              return operation;
            });
  }

  /** A bulk's wait listening before it is reached; its {@code matched} keeps the first match. */
  record Listening(String key, Future<byte[]> matched) {}

  /**
   * Holds the event's subscription and listens, without a deadline until {@link #reached}.
   *
   * @param group the bulk whose waits share occurrences, compared by identity
   * @param order the wait's place in its group: an occurrence goes to the lowest still waiting
   */
  Future<Listening> listen(
      String deviceId, String eventName, byte[] value, Object group, int order) {
    return hold(deviceId, eventName)
        .map(
            hold -> {
              Promise<byte[]> matched = Promise.promise();
              String key =
                  add(
                      new Waiting(
                          deviceId, eventName, value, group, order, hold, NO_TIMER, matched));
              return new Listening(key, matched.future());
            });
  }

  private synchronized String add(Waiting wait) {
    String key = UUID.randomUUID().toString();
    waiting.put(key, wait);
    return key;
  }

  /**
   * The bulk reached the step: the event that came since it listened, or the wait for one, failing
   * with 504 after {@code timeoutS} from now.
   */
  Future<byte[]> reached(Listening listening, int timeoutS) {
    if (listening.matched().isComplete()) {
      return listening.matched();
    }
    long timer = vertx.setTimer(timeoutS * 1000L, t -> timedOut(listening.key()));
    Waiting armed;
    synchronized (this) {
      armed = waiting.computeIfPresent(listening.key(), (k, w) -> w.withTimer(timer));
    }
    if (armed == null) {
      vertx.cancelTimer(timer);
    }
    return listening.matched();
  }

  /** The bulk ended: lets go of the subscription if the wait still holds it. */
  void stop(Listening listening) {
    Waiting w = remove(listening.key());
    if (w != null) {
      w.end(vertx);
    }
  }

  private synchronized Waiting remove(String key) {
    return waiting.remove(key);
  }

  private Future<EventSubscriptions.Hold> hold(String deviceId, String eventName) {
    return affordances.device(deviceId).compose(device -> subscriptions.hold(device, eventName));
  }

  /** Waits with the subscription held; fails only with a {@link NipcException}. */
  private Future<byte[]> wait(
      String deviceId, String eventName, ConditionalEvent request, EventSubscriptions.Hold hold) {
    String key = UUID.randomUUID().toString();
    Promise<byte[]> matched = Promise.promise();
    long timer = vertx.setTimer(request.timeout() * 1000L, t -> timedOut(key));
    // A group of its own: a standalone wait shares occurrences with no other.
    Waiting wait =
        new Waiting(deviceId, eventName, request.value(), new Object(), 0, hold, timer, matched);
    synchronized (this) {
      waiting.put(key, wait);
    }
    return matched.future();
  }

  /**
   * Completes, for each group, the first wait (by order) this occurrence matches. The promises are
   * completed after the lock is let go: a bulk goes on to its next operation from there.
   */
  @Override
  public void onEvent(DeviceEvent event) {
    byte[] data = event.signal().data();
    List<Waiting> served = new ArrayList<>();
    synchronized (this) {
      if (waiting.isEmpty()) {
        return; // the common case, asked for every event
      }
      Map<Object, Map.Entry<String, Waiting>> first = new HashMap<>();
      for (Map.Entry<String, Waiting> entry : waiting.entrySet()) {
        if (entry.getValue().wants(event, data)) {
          first.merge(
              entry.getValue().group(),
              entry,
              (a, b) -> a.getValue().order() <= b.getValue().order() ? a : b);
        }
      }
      first.values().forEach(entry -> served.add(waiting.remove(entry.getKey())));
    }
    for (Waiting w : served) {
      w.end(vertx);
      w.matched().tryComplete(data);
    }
  }

  private void timedOut(String key) {
    Waiting expired = remove(key);
    if (expired == null) {
      return;
    }
    expired.hold().release();
    expired
        .matched()
        .tryFail(
            NipcException.generic(
                504,
                "Event " + expired.eventName() + " with the value asked for did not come in time"));
  }

  /**
   * Lets go of the subscriptions of waits on deleted devices; a bulk still waiting ends with
   * invalid-id (a standalone operation was forgotten with its device, so it finishes unseen).
   */
  public void forget(Set<String> deletedIds) {
    List<Waiting> forgotten = new ArrayList<>();
    synchronized (this) {
      waiting
          .values()
          .removeIf(
              w -> {
                if (!deletedIds.contains(w.deviceId())) {
                  return false;
                }
                forgotten.add(w);
                return true;
              });
    }
    for (Waiting w : forgotten) {
      w.end(vertx);
      w.matched()
          .tryFail(
              NipcException.of(
                  NipcProblem.INVALID_ID,
                  "device " + w.deviceId() + " was deleted while waiting for the event"));
    }
  }

  /** Fails the operation, unless it was forgotten with its deleted device. */
  private void failed(ExtensionOperation operation, NipcException problem) {
    if (operations
        .find(operation.deviceId(), KIND, operation.subject(), operation.instanceId())
        .isPresent()) {
      operations.fail(operation, problem, outcome(operation.subject()));
    }
  }

  private static JsonObject outcome(String eventName) {
    return new JsonObject().put("event", eventName);
  }

  private static String base64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }
}
