package org.nipcgateway.core.nipc.link;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs an attempt in the background until it succeeds or is cancelled, waiting longer after each
 * failure ({@link Backoff}). No request waits for it; whoever starts it learns of failures through
 * {@code onFailure} (to show them) and of the success through the attempt's own future.
 */
public final class BackgroundRetry {
  private final Vertx vertx;
  private final Backoff backoff;
  private final Supplier<Future<?>> attempt;
  private final Consumer<Throwable> onFailure;
  private int failures;
  private long timer = -1;
  private boolean cancelled;

  private BackgroundRetry(
      Vertx vertx, Backoff backoff, Supplier<Future<?>> attempt, Consumer<Throwable> onFailure) {
    this.vertx = vertx;
    this.backoff = backoff;
    this.attempt = attempt;
    this.onFailure = onFailure;
  }

  /** Makes the first attempt now. */
  public static BackgroundRetry start(
      Vertx vertx, Backoff backoff, Supplier<Future<?>> attempt, Consumer<Throwable> onFailure) {
    BackgroundRetry retry = new BackgroundRetry(vertx, backoff, attempt, onFailure);
    retry.run();
    return retry;
  }

  /** No further attempt is made; one in flight still completes. */
  public synchronized void cancel() {
    cancelled = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * Makes the next attempt now rather than at the end of its wait, when something suggests it would
   * succeed (the peripheral is back in range); nothing happens while an attempt is in flight.
   */
  public void now() {
    synchronized (this) {
      if (cancelled || timer < 0) {
        return;
      }
      vertx.cancelTimer(timer);
    }
    run();
  }

  private void run() {
    synchronized (this) {
      timer = -1;
      if (cancelled) {
        return;
      }
    }
    Future<?> tried;
    try {
      tried = attempt.get();
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    tried.onFailure(this::failed);
  }

  private void failed(Throwable failure) {
    synchronized (this) {
      if (cancelled) {
        return;
      }
      failures++;
      timer = vertx.setTimer(backoff.delayMillis(failures), id -> run());
    }
    onFailure.accept(failure);
  }
}
