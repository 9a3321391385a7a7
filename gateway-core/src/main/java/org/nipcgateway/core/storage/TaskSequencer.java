package org.nipcgateway.core.storage;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another: a task starts when the previous one has completed.
 *
 * <p>The registry uses it so that "check, then write" (uniqueness, group membership, ETags) sees
 * the result of every earlier write, without holding a thread while the store works.
 */
public final class TaskSequencer {
  private Future<Void> tail = Future.succeededFuture();

  /** Queues a task; its future completes with the task's outcome. */
  public synchronized <T> Future<T> submit(Supplier<Future<T>> task) {
    Future<T> result = tail.transform(ignored -> start(task));
    tail = result.transform(ignored -> Future.<Void>succeededFuture());
    return result;
  }

  private static <T> Future<T> start(Supplier<Future<T>> task) {
    try {
      return task.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Completes once every task submitted so far has completed (used at shutdown). */
  public synchronized Future<Void> drained() {
    return tail;
  }
}
