package org.nipcgateway.core.radio;

/**
 * When a radio sends a transmission of the NIPC Transmit extension: once ({@link Cycle#SINGLE}) or
 * again and again ({@link Cycle#REPEAT}) every {@code intervalMillis}, for {@code durationMillis}
 * in all.
 *
 * @param durationMillis how long the radio transmits (the request's {@code transmitTime}); 0 for a
 *     single transmission with no duration asked
 * @param intervalMillis the time between two transmissions (the request's {@code transmitInterval})
 */
public record TransmitSchedule(Cycle cycle, long durationMillis, long intervalMillis) {
  /** The request's {@code cycle}. */
  public enum Cycle {
    SINGLE,
    REPEAT
  }

  public TransmitSchedule {
    if (durationMillis < 0 || intervalMillis < 0) {
      throw new IllegalArgumentException("transmit times must not be negative");
    }
  }
}
