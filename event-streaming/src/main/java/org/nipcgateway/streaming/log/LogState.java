package org.nipcgateway.streaming.log;

/**
 * What one data app's log holds, as of its last operation.
 *
 * @param queued events not yet acknowledged by the destination
 * @param bytes the log's segment files on disk
 * @param oldestQueuedMillis when the oldest unacknowledged event was queued; -1 when none is
 * @param droppedQueueFull events dropped, oldest first, because the log reached its size bound
 * @param droppedExpired events dropped because they were older than the age bound
 * @param evictedUnacknowledged events a bound removed after they were read for delivery but before
 *     the destination's acknowledgement (a batch on its way, or one in the embedded broker's replay
 *     hold): they are delivered, but not sent again if the destination turns out not to have kept
 *     them
 */
public record LogState(
    long queued,
    long bytes,
    long oldestQueuedMillis,
    long droppedQueueFull,
    long droppedExpired,
    long evictedUnacknowledged) {

  /** The state of a log that holds nothing and dropped nothing yet. */
  public static LogState empty() {
    return new LogState(0, 0, -1, 0, 0, 0);
  }
}
