package org.nipcgateway.streaming;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.nipcgateway.streaming.log.LogRecord;

/**
 * Events taken in while the log's worker is still writing the previous group: they wait here, in
 * memory, for the next write. A disk that stalls must not let this grow without end, so it holds at
 * most {@code maxBytes} of events; past that the oldest waiting ones are dropped (the same rule as
 * the log's own bound) and the caller counts them. Not thread-safe: used on the queue's context.
 */
final class PendingAppends {
  /** The record object, its item's array header and its slot in the deque. */
  static final int RECORD_OVERHEAD = 64;

  private final long maxBytes;
  private final Deque<LogRecord> records = new ArrayDeque<>();
  private long bytes;

  PendingAppends(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Adds the event; answers how many of the oldest waiting ones were dropped to make room. */
  int add(LogRecord record) {
    records.addLast(record);
    bytes += sizeOf(record);
    int dropped = 0;
    while (bytes > maxBytes && records.size() > 1) {
      bytes -= sizeOf(records.pollFirst());
      dropped++;
    }
    return dropped;
  }

  /** Everything waiting, oldest first; the buffer is empty afterwards. */
  List<LogRecord> takeAll() {
    List<LogRecord> all = new ArrayList<>(records);
    records.clear();
    bytes = 0;
    return all;
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  int size() {
    return records.size();
  }

  long bytes() {
    return bytes;
  }

  /**
   * What the event takes in memory, roughly: its CBOR item and the record around it. Not its topic:
   * the queue gives the records of one event path one shared String ({@code DeliveryQueue.topic}),
   * so counting it per record (as before) counted memory that is not taken.
   */
  private static long sizeOf(LogRecord record) {
    return record.item().length + RECORD_OVERHEAD;
  }
}
