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

  private final long maxPauseMs;
  private int failuresInRow;
  private Instant downSince;
  private Instant nextRetry;
  private String lastFailure;

  DestinationHealth(Duration maxPause) {
    this.maxPauseMs = maxPause.toMillis();
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
    long pause = FIRST_PAUSE_MS << Math.min(failuresInRow, 20);
    pause = Math.min(pause, maxPauseMs);
    failuresInRow++;
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
