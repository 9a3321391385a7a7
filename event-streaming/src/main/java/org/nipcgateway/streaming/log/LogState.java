package org.nipcgateway.streaming.log;

/**
 * What one data app's log holds, as of its last operation.
 *
 * @param queued events not yet acknowledged by the destination
 * @param bytes the log's segment files on disk
 * @param oldestQueuedMillis when the oldest unacknowledged event was queued; -1 when none is
 * @param droppedQueueFull events dropped, oldest first, because the log reached its size bound
 * @param droppedExpired events dropped because they were older than the age bound
 */
public record LogState(
    long queued, long bytes, long oldestQueuedMillis, long droppedQueueFull, long droppedExpired) {}
