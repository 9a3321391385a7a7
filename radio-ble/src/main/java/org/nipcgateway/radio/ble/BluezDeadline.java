package org.nipcgateway.radio.ble;

import java.util.concurrent.TimeUnit;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/**
 * When the caller of one driver operation stops waiting: its future fails then, and the driver
 * thread doing the operation's D-Bus calls stops waiting for bluetoothd then too, so that an
 * unanswered call holds neither the device's lane nor the thread beyond it.
 *
 * @param what the operation, as the time-out problem names it
 * @param timeoutMillis the operation's time-out
 * @param atNanos the deadline on {@link System#nanoTime()}'s clock
 */
record BluezDeadline(String what, long timeoutMillis, long atNanos) {

  /** The deadline {@code timeoutMillis} from now. */
  static BluezDeadline in(String what, long timeoutMillis) {
    return new BluezDeadline(
        what, timeoutMillis, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
  }

  boolean passed() {
    return System.nanoTime() - atNanos >= 0;
  }

  /** What is left, rounded up so that a positive wait never becomes "wait forever" (0). */
  long remainingMillis() {
    long nanos = atNanos - System.nanoTime();
    return nanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
  }

  /** The problem the caller gets at the deadline. */
  RadioException expired() {
    return new RadioException(
        Reason.TIMEOUT, what + " got no answer within " + timeoutMillis + " ms");
  }
}
