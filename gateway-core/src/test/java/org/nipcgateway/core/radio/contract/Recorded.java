package org.nipcgateway.core.radio.contract;

import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What a radio reported to a listener, in order, with a note of every call that broke the threading
 * rule (not on an event loop).
 */
public final class Recorded<T> {
  private final BlockingQueue<T> events = new LinkedBlockingQueue<>();
  private final List<String> offLoop = new CopyOnWriteArrayList<>();

  public void add(T event) {
    if (!Context.isOnEventLoopThread()) {
      offLoop.add(Thread.currentThread().getName() + ": " + event);
    }
    events.add(event);
  }

  /** The first event matching, waiting up to five seconds; fails when none comes. */
  public T next(Predicate<T> matching) {
    return next(matching, 5);
  }

  /** The first event matching, waiting up to {@code seconds}; fails when none comes. */
  public T next(Predicate<T> matching, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    try {
      while (System.nanoTime() < deadline) {
        T event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (event != null && matching.test(event)) {
          return event;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no matching event arrived within " + seconds + " s");
  }

  /** Whether any event matching arrives within the time given. */
  public boolean arrives(Predicate<T> matching, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      while (System.nanoTime() < deadline) {
        T event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (event != null && matching.test(event)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  public void clear() {
    events.clear();
  }

  /** The calls made off an event loop; the contract allows none. */
  public List<String> offLoop() {
    return List.copyOf(offLoop);
  }
}
