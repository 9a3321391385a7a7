package org.nipcgateway.radio.ble;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/**
 * The adapter's connection slots: a controller holds only so many LE links at once (often 5 to 10),
 * and asking bluetoothd for one more ends in an opaque {@code le-connection-abort-by-local}. A
 * connect beyond the limit waits in a bounded queue, first come first served, until a link closes;
 * it fails at once when the queue is full, and after {@code waitMillis} when no slot came free. A
 * peripheral that already holds a slot (connected, or connecting) needs no second one.
 *
 * <p>Called from event loops and dbus-java's signal thread; waiters complete on their own context.
 */
final class BluezSlots {
  private final Vertx vertx;
  private final int limit;
  private final int queueLimit;
  private final long waitMillis;
  private final Set<BleAddress> held = new HashSet<>();
  private final Queue<Waiter> waiting = new ArrayDeque<>();
  private long timedOut;
  private long refused;

  private record Waiter(BleAddress device, Promise<Void> promise, Context context, long timer) {}

  BluezSlots(Vertx vertx, int limit, int queueLimit, long waitMillis) {
    this.vertx = vertx;
    this.limit = limit;
    this.queueLimit = queueLimit;
    this.waitMillis = waitMillis;
  }

  /** A slot for the peripheral: at once when it has one or one is free, else after waiting. */
  Future<Void> take(BleAddress device) {
    Waiter waiter;
    synchronized (this) {
      if (held.contains(device) || held.size() < limit && waiting.isEmpty()) {
        held.add(device);
        return Future.succeededFuture();
      }
      if (waiting.size() >= queueLimit) {
        refused++;
        return Future.failedFuture(
            new RadioException(
                Reason.CONNECTION_FAILED,
                "no free connection slot on the adapter ("
                    + held.size()
                    + " of "
                    + limit
                    + " in use) and "
                    + waiting.size()
                    + " connections already waiting for one"));
      }
      Promise<Void> promise = Promise.promise();
      long timer = vertx.setTimer(waitMillis, t -> expire(promise));
      waiter = new Waiter(device, promise, vertx.getOrCreateContext(), timer);
      waiting.add(waiter);
    }
    return waiter.promise().future();
  }

  private void expire(Promise<Void> promise) {
    synchronized (this) {
      if (!waiting.removeIf(w -> w.promise() == promise)) {
        return;
      }
      timedOut++;
    }
    promise.tryFail(
        new RadioException(
            Reason.TIMEOUT,
            "no connection slot on the adapter came free within " + waitMillis + " ms"));
  }

  /** A link that opened without a request (the peripheral or another client connected). */
  synchronized void occupied(BleAddress device) {
    held.add(device);
  }

  /** The peripheral's link closed, or its attempt failed: its slot goes to the next waiter. */
  void release(BleAddress device) {
    List<Waiter> served = new ArrayList<>();
    synchronized (this) {
      if (!held.remove(device)) {
        return;
      }
      while (held.size() < limit && !waiting.isEmpty()) {
        Waiter next = waiting.remove();
        held.add(next.device());
        served.add(next);
      }
    }
    served.forEach(
        w -> {
          vertx.cancelTimer(w.timer());
          w.context().runOnContext(v -> w.promise().tryComplete());
        });
  }

  /** The radio went down: every link is gone, and waiting connects fail now. */
  void clear(String why) {
    List<Waiter> failed;
    synchronized (this) {
      held.clear();
      failed = List.copyOf(waiting);
      waiting.clear();
    }
    failed.forEach(
        w -> {
          vertx.cancelTimer(w.timer());
          w.context()
              .runOnContext(v -> w.promise().tryFail(new RadioException(Reason.RADIO_DOWN, why)));
        });
  }

  /** What health reports show: the limit, slots in use, connects waiting, and the refusals. */
  synchronized Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("limit", limit);
    details.put("inUse", held.size());
    details.put("waiting", waiting.size());
    details.put("queueLimit", queueLimit);
    details.put("refusedQueueFull", refused);
    details.put("timedOutWaiting", timedOut);
    return details;
  }
}
