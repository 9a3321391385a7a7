package org.nipcgateway.core.nipc.unonboarded;

import java.time.Clock;

/**
 * At most so many per wall-clock second, counting what was turned away. A fixed window is enough
 * here: it only keeps a data app from being flooded, it shapes no traffic.
 */
final class PerSecondBudget {
  private final int perSecond;
  private final Clock clock;
  private long second = Long.MIN_VALUE;
  private int used;
  private long delivered;
  private long dropped;

  PerSecondBudget(int perSecond, Clock clock) {
    this.perSecond = perSecond;
    this.clock = clock;
  }

  /** Whether one more may go now; counts it either way. */
  synchronized boolean take() {
    long now = clock.millis() / 1000;
    if (now != second) {
      second = now;
      used = 0;
    }
    if (used >= perSecond) {
      dropped++;
      return false;
    }
    used++;
    delivered++;
    return true;
  }

  synchronized long delivered() {
    return delivered;
  }

  synchronized long dropped() {
    return dropped;
  }
}
