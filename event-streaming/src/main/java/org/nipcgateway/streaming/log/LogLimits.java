package org.nipcgateway.streaming.log;

import java.time.Duration;

/**
 * How much one data app's log may hold: at most {@code maxBytes} on disk and nothing older than
 * {@code maxAge}; beyond either the oldest events are dropped and counted. {@code fsync} forces
 * each written group of events to the device (off, a power cut may lose the last events written; a
 * killed process loses nothing either way, the kernel has them).
 */
public record LogLimits(long maxBytes, Duration maxAge, boolean fsync) {
  /** The smallest segment file, so that a tiny bound still rolls over in whole events. */
  private static final long MIN_SEGMENT = 4096;

  private static final long MAX_SEGMENT = 4L << 20;

  /**
   * Segments are about an eighth of the bound (between 4 KB and 4 MB), so that dropping the oldest
   * segment at the bound drops at most about an eighth of what is queued.
   */
  long segmentBytes() {
    return Math.max(MIN_SEGMENT, Math.min(MAX_SEGMENT, maxBytes / 8));
  }
}
