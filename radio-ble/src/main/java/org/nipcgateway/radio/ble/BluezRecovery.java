package org.nipcgateway.radio.ble;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a radio that went down back: one attempt at a time on a driver thread, retried with
 * exponential back-off (250 ms doubling to 5 s) until the bus, the adapter and its power are back.
 * Signals that promise success (the adapter's {@code InterfacesAdded}, {@code Powered}) start an
 * attempt at once.
 */
final class BluezRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(BluezRecovery.class);
  private static final long FIRST_DELAY_MS = 250;
  private static final long MAX_DELAY_MS = 5_000;

  /** What is recovered. */
  interface Target {
    boolean isUp();

    /** The attempt begins: announce RECOVERING. */
    void recovering();

    /** One blocking attempt; throws while the radio cannot come back yet. */
    void bringUp() throws Exception;

    /** The attempt succeeded: announce UP. */
    void recovered();
  }

  private final Vertx vertx;
  private final BluezCalls calls;
  private final Target target;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean stopped;
  private volatile long delay = FIRST_DELAY_MS;
  private volatile long timer = -1;

  BluezRecovery(Vertx vertx, BluezCalls calls, Target target) {
    this.vertx = vertx;
    this.calls = calls;
    this.target = target;
  }

  /**
   * Starts recovering unless the radio is up or an attempt is under way; while one waits out its
   * back-off, the next attempt is made now (a signal says the radio is back).
   */
  void start() {
    if (stopped || target.isUp()) {
      return;
    }
    if (!running.compareAndSet(false, true)) {
      long waiting = timer;
      if (waiting >= 0 && vertx.cancelTimer(waiting)) {
        timer = -1;
        calls.background(this::attempt);
      }
      return;
    }
    delay = FIRST_DELAY_MS;
    calls.background(this::attempt);
  }

  private void attempt() {
    if (stopped) {
      return;
    }
    target.recovering();
    try {
      target.bringUp();
      running.set(false);
      target.recovered();
    } catch (Exception e) {
      LOG.debug("BlueZ radio not back yet: {}", e.getMessage());
      long wait = delay;
      delay = Math.min(delay * 2, MAX_DELAY_MS);
      timer =
          vertx.setTimer(
              wait,
              t -> {
                timer = -1;
                calls.background(this::attempt);
              });
    }
  }

  void stop() {
    stopped = true;
  }
}
