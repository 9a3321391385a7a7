package org.nipcgateway.streaming;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Batches a destination took that stay in the log a while longer, because taking them is not yet
 * proof they are kept: the embedded broker holds a session's in-flight publications in memory only,
 * and writes its persistent queues to disk once a second (decisions §37). Each entry is the offset
 * up to which the log may be acknowledged and the time from which that is safe; entries are due in
 * the order they were added, so acknowledging one never skips an older one still held. Not
 * thread-safe: used on the queue's context.
 */
final class HeldAcknowledgements {
  private record Held(long upTo, long dueMillis) {}

  private final Deque<Held> held = new ArrayDeque<>();

  /** Holds {@code upTo} until {@code dueMillis}, or until the entry before it is due if later. */
  void add(long upTo, long dueMillis) {
    Held last = held.peekLast();
    held.addLast(new Held(upTo, last == null ? dueMillis : Math.max(dueMillis, last.dueMillis())));
  }

  /** The highest offset due by {@code nowMillis}, removed with the ones before it; -1 if none. */
  long takeDue(long nowMillis) {
    long upTo = -1;
    while (!held.isEmpty() && held.peekFirst().dueMillis() <= nowMillis) {
      upTo = Math.max(upTo, held.pollFirst().upTo());
    }
    return upTo;
  }

  /** When the next entry is due; -1 when nothing is held. */
  long nextDueMillis() {
    return held.isEmpty() ? -1 : held.peekFirst().dueMillis();
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  /** Forgets every entry: what they covered is being sent again, and held anew. */
  void clear() {
    held.clear();
  }
}
