package org.nipcgateway.simulators.bluez;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.radio.BleAddress;

/**
 * What the look-alike's peripherals do wrong when asked to: latency per operation and planned
 * faults ({@code timeout}, {@code disconnect}, {@code bonding-failed}, {@code no-slots}), each for
 * an operation ({@code connect}, {@code read}, {@code write}, {@code notifications}), optionally
 * one device, a number of times or until cleared. The adapter's own removal is {@link
 * BluezLookalike#removeAdapter()}.
 */
public final class LookalikeFaults {
  /** The faults a peripheral or the adapter can show. */
  public enum Kind {
    TIMEOUT,
    DISCONNECT,
    BONDING_FAILED,
    NO_SLOTS
  }

  private record Planned(String operation, Optional<BleAddress> device, Kind kind, int[] left) {}

  private final Map<String, Long> latency = new ConcurrentHashMap<>();
  private final List<Planned> planned = new ArrayList<>();
  private volatile long timeoutMillis = 30_000;
  private final Object hung = new Object();
  private long releases; // guarded by hung
  private final java.util.concurrent.atomic.AtomicInteger waiting =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Every call of the operation ({@code *} for all) waits this long before it is handled. */
  public void latency(String operation, long millis) {
    latency.put(operation, millis);
  }

  /** How long an operation that times out keeps its caller waiting before it gives up. */
  public void timeoutAfter(long millis) {
    timeoutMillis = millis;
  }

  /** Plans a fault; {@code times} 0 means until {@link #clear()}. */
  public synchronized void plan(
      String operation, Optional<BleAddress> device, Kind kind, int times) {
    planned.add(new Planned(operation, device, kind, new int[] {times == 0 ? -1 : times}));
  }

  /** Ends every fault: none is planned any more, and calls held by a hang are let go now. */
  public synchronized void clear() {
    planned.clear();
    latency.clear();
    synchronized (hung) {
      releases++;
      hung.notifyAll();
    }
  }

  /** Waits the operation's latency. */
  void delay(String operation) {
    long millis = latency.getOrDefault(operation, latency.getOrDefault("*", 0L));
    if (millis > 0) {
      waiting.incrementAndGet();
      try {
        sleep(millis);
      } finally {
        waiting.decrementAndGet();
      }
    }
  }

  /** Calls being held by their latency or a hang now: a test's sign that one is under way. */
  public int waiting() {
    return waiting.get();
  }

  /** Waits as a peripheral that never answers (until {@link #clear()}), then lets the call fail. */
  void hang() {
    waiting.incrementAndGet();
    try {
      synchronized (hung) {
        long release = releases;
        long until =
            System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long left;
        while (releases == release && (left = until - System.nanoTime()) > 0) {
          hung.wait(Math.max(1, left / 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** The fault planned for this call, if any, counting it off. */
  synchronized Optional<Kind> take(String operation, BleAddress device) {
    for (Planned fault : planned) {
      boolean matches =
          (fault.operation().equals("*") || fault.operation().equals(operation))
              && fault.device().map(device::equals).orElse(true);
      if (matches && fault.left()[0] != 0) {
        if (fault.left()[0] > 0) {
          fault.left()[0]--;
        }
        return Optional.of(fault.kind());
      }
    }
    return Optional.empty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
