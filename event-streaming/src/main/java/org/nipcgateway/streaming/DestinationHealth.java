package org.nipcgateway.streaming;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a data app's destination takes deliveries: {@code up}, or {@code down} since the first of
 * the failures in a row, with the pause before the next attempt. Pauses double from 200 ms up to
 * the configured cap, and attempts go on for as long as the destination stays down.
 */
final class DestinationHealth {
  private static final long FIRST_PAUSE_MS = 200;

  /** The pause after the n-th failure in a row (n from 1). */
  private final java.util.function.IntToLongFunction pauseAfter;

  private int failuresInRow;
  private Instant downSince;
  private Instant nextRetry;
  private String lastFailure;

  DestinationHealth(Duration maxPause) {
    this(failures -> Math.min(FIRST_PAUSE_MS << Math.min(failures - 1, 20), maxPause.toMillis()));
  }

  /** With pauses of its own: {@code pauseAfter} answers the pause after the n-th failure. */
  DestinationHealth(java.util.function.IntToLongFunction pauseAfter) {
    this.pauseAfter = pauseAfter;
  }

  /** Whether the last attempt failed. */
  synchronized boolean down() {
    return downSince != null;
  }

  synchronized void up() {
    failuresInRow = 0;
    downSince = null;
    nextRetry = null;
    lastFailure = null;
  }

  /** Counts a failure and answers how long to wait before trying again. */
  synchronized long failed(Instant now, String why) {
    if (downSince == null) {
      downSince = now;
    }
    failuresInRow++;
    long pause = pauseAfter.applyAsLong(failuresInRow);
    nextRetry = now.plusMillis(pause);
    lastFailure = why;
    return pause;
  }

  synchronized JsonObject json() {
    JsonObject state = new JsonObject().put("state", downSince == null ? "up" : "down");
    if (downSince != null) {
      state
          .put("downSince", downSince.toString())
          .put("failedAttempts", failuresInRow)
          .put("nextRetryAt", nextRetry.toString())
          .put("lastFailure", lastFailure);
    }
    return state;
  }
}
