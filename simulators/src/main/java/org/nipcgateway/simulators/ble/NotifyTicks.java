package org.nipcgateway.simulators.ble;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * One periodic timer per notify interval, shared by every characteristic that notifies at it: a
 * timer per characteristic cost a timer task and a context hop per notification, which at 50
 * peripherals notifying every millisecond took as much of the gateway's core as the events' way to
 * the data app. Each tick tells the radio which interval is due; the radio sends all of them in one
 * go. Guarded by the radio.
 */
final class NotifyTicks {
  /** A characteristic of a peripheral with notifications on. */
  record Notifier(SimulatedPeripheral peripheral, GattCharacteristic id) {}

  private final Vertx vertx;
  private final LongConsumer due;
  private final Map<Long, Set<Notifier>> byInterval = new HashMap<>();
  private final Map<Long, Long> timers = new HashMap<>();

  /** {@code due} is called with the interval whose tick came, on the timer's context. */
  NotifyTicks(Vertx vertx, LongConsumer due) {
    this.vertx = vertx;
    this.due = due;
  }

  void add(long intervalMillis, Notifier notifier) {
    byInterval.computeIfAbsent(intervalMillis, i -> new LinkedHashSet<>()).add(notifier);
    timers.computeIfAbsent(
        intervalMillis, i -> vertx.setPeriodic(i, t -> due.accept(intervalMillis)));
  }

  void remove(long intervalMillis, Notifier notifier) {
    Set<Notifier> notifiers = byInterval.get(intervalMillis);
    if (notifiers == null || !notifiers.remove(notifier) || !notifiers.isEmpty()) {
      return;
    }
    byInterval.remove(intervalMillis);
    Long timer = timers.remove(intervalMillis);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  /** The characteristics notifying at that interval, in the order they were turned on. */
  List<Notifier> at(long intervalMillis) {
    return new ArrayList<>(byInterval.getOrDefault(intervalMillis, Set.of()));
  }
}
