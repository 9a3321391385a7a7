package org.nipcgateway.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Accounts for counter notifications as a subscriber received them: each simulated peripheral
 * notifies a uint32 counter one higher each time, so per device every counter between the first and
 * the last one seen was sent, and a counter missing in between was lost. Events after the last one
 * received cannot be seen here; the gateway's own drop counters cover those. Thread-safe.
 */
final class CounterTally {
  private final Map<String, Set<Long>> seen = new HashMap<>();
  private final Map<String, long[]> range = new HashMap<>();
  private long received;
  private long duplicates;
  private long firstNanos;
  private long lastNanos;

  synchronized void add(String device, long counter, long nanos) {
    if (received == 0) {
      firstNanos = nanos;
    }
    lastNanos = nanos;
    received++;
    if (!seen.computeIfAbsent(device, d -> new HashSet<>()).add(counter)) {
      duplicates++;
    }
    long[] r = range.computeIfAbsent(device, d -> new long[] {counter, counter});
    r[0] = Math.min(r[0], counter);
    r[1] = Math.max(r[1], counter);
  }

  synchronized long received() {
    return received;
  }

  synchronized long duplicates() {
    return duplicates;
  }

  synchronized int devices() {
    return seen.size();
  }

  /** Counters sent between each device's first and last one received. */
  synchronized long sent() {
    return range.values().stream().mapToLong(r -> r[1] - r[0] + 1).sum();
  }

  /** Counters sent (by sequence) that never arrived. */
  synchronized long lost() {
    return sent() - seen.values().stream().mapToLong(Set::size).sum();
  }

  /** Seconds from the first to the last event received. */
  synchronized double seconds() {
    return (lastNanos - firstNanos) / 1e9;
  }
}
