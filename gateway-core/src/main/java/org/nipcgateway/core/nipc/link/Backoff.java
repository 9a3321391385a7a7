package org.nipcgateway.core.nipc.link;

import java.time.Duration;

/**
 * How long to wait before each retry of something the gateway re-establishes on its own: doubling
 * from {@code first} after each failure, never longer than {@code cap}.
 */
public record Backoff(Duration first, Duration cap) {

  /** What a radio that came back gets: retries from half a second, at most every 30 seconds. */
  public static final Backoff RADIO = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

  public Backoff {
    if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < first <= cap");
    }
  }

  /** The wait before retry number {@code failures} (1 after the first failure). */
  public long delayMillis(int failures) {
    long delay = first.toMillis();
    for (int i = 1; i < failures && delay < cap.toMillis(); i++) {
      delay *= 2;
    }
    return Math.min(delay, cap.toMillis());
  }
}
