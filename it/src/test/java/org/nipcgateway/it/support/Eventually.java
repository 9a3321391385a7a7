package org.nipcgateway.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting for what the gateway does asynchronously (radio work, triggers), with a deadline. */
public final class Eventually {
  private Eventually() {}

  /** Polls until the condition holds (radio work is asynchronous); fails after five seconds. */
  public static void eventually(String what, BooleanSupplier condition) {
    eventually(what, Duration.ofSeconds(5), condition);
  }

  /** Polls until the condition holds; fails after the time given (a Zigbee join takes seconds). */
  public static void eventually(String what, Duration within, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
