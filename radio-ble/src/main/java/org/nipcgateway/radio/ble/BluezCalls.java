package org.nipcgateway.radio.ble;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/**
 * Where every D-Bus call of the driver runs: a bounded pool of the driver's own threads ({@code
 * nipc-bluez-N}) with a bounded queue, never an event loop. Each call has a deadline; its future
 * completes on the caller's context, with the call's result, its failure, a time-out at the
 * deadline, or {@link Reason#RADIO_DOWN} when the radio goes down while it waits. The work itself
 * stops at the same deadline (its D-Bus calls go through objects bound to it, {@link
 * BluezBus#object(String, Class, BluezDeadline)}), and work still queued then is not started: an
 * unanswered call holds its lane and its thread no longer than its caller waits.
 */
final class BluezCalls {
  private final Vertx vertx;
  private final ThreadPoolExecutor pool;
  private final Map<Promise<?>, Context> pending = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> lanes = new ConcurrentHashMap<>();

  BluezCalls(Vertx vertx, int threads) {
    this.vertx = vertx;
    AtomicInteger count = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            r -> {
              Thread thread = new Thread(r, "nipc-bluez-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code work} on a driver thread after the calls on the same {@code lane} (one device)
   * submitted before it, as bluetoothd runs one procedure at a time per link: a connect never
   * overtakes the disconnect the gateway asked for just before. A D-Bus error it throws is turned
   * into the answer or the failure by {@code onError}. {@code work} must make its D-Bus calls on
   * objects bound to {@code deadline}.
   */
  <T> Future<T> call(
      String lane,
      BluezDeadline deadline,
      Callable<T> work,
      Function<DBusExecutionException, T> onError) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    pending.put(promise, context);
    long timer =
        vertx.setTimer(
            Math.max(1, deadline.remainingMillis()), t -> promise.tryFail(deadline.expired()));
    try {
      inLane(
          lane,
          () -> {
            T result;
            Throwable failure = null;
            try {
              if (deadline.passed()) {
                throw deadline.expired(); // the caller gave up while it queued: not sent at all
              }
              result = work.call();
            } catch (DBusExecutionException e) {
              result = null;
              try {
                result = onError.apply(e);
              } catch (RuntimeException mapped) {
                failure = mapped;
              }
            } catch (RadioException e) {
              result = null;
              failure = e;
            } catch (Exception e) {
              result = null;
              failure =
                  new RadioException(
                      Reason.CONNECTION_FAILED, deadline.what() + " failed on the bus");
            }
            T answer = result;
            Throwable error = failure;
            context.runOnContext(
                v -> {
                  vertx.cancelTimer(timer);
                  if (error == null) {
                    promise.tryComplete(answer);
                  } else {
                    promise.tryFail(error);
                  }
                });
          });
    } catch (RejectedExecutionException e) {
      vertx.cancelTimer(timer);
      promise.tryFail(new RadioException(Reason.CONNECTION_FAILED, "the BlueZ driver is busy"));
    }
    return promise.future().onComplete(r -> pending.remove(promise));
  }

  private void inLane(String lane, Runnable task) {
    CompletableFuture<Void> next = new CompletableFuture<>();
    CompletableFuture<Void> before = lanes.put(lane, next);
    Runnable run =
        () -> {
          try {
            task.run();
          } finally {
            next.complete(null);
            lanes.remove(lane, next);
          }
        };
    if (before == null) {
      pool.execute(run);
    } else {
      before.whenComplete(
          (v, e) -> {
            try {
              pool.execute(run);
            } catch (RejectedExecutionException rejected) {
              next.complete(null);
            }
          });
    }
  }

  /** Runs housekeeping (recovery, registration) on a driver thread, with no caller waiting. */
  void background(Runnable work) {
    try {
      pool.execute(work);
    } catch (RejectedExecutionException e) {
      // shutting down, or swamped: the next recovery attempt runs it again
    }
  }

  /** The radio went down: every call still waiting fails now instead of at its deadline. */
  void failPending(String why) {
    Map.copyOf(pending)
        .forEach(
            (promise, context) ->
                context.runOnContext(
                    v -> promise.tryFail(new RadioException(Reason.RADIO_DOWN, why))));
  }

  void stop() {
    pool.shutdownNow();
  }
}
