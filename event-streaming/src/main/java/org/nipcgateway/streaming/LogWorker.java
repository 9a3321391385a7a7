package org.nipcgateway.streaming;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The one worker thread every data app's delivery log does its disk I/O on: the event loop never
 * waits for a disk, and one thread means the logs' calls run one at a time, in the order they were
 * made. Results come back on the caller's context.
 */
final class LogWorker {
  /** A log operation is a few writes or reads; a minute means a disk that is failing. */
  private static final long MAX_EXECUTE_SECONDS = 60;

  private final WorkerExecutor executor;

  LogWorker(Vertx vertx) {
    this.executor =
        vertx.createSharedWorkerExecutor(
            "nipc-delivery-log", 1, MAX_EXECUTE_SECONDS, TimeUnit.SECONDS);
  }

  private boolean closed;
  private Future<?> last = Future.succeededFuture();

  /**
   * Runs a log operation after the ones before it; once the worker is closing, fails at once: a
   * task handed to a closed pool is dropped by Vert.x and its future never completes, which held a
   * gateway's stop while advertisements still came in.
   */
  synchronized <T> Future<T> run(Callable<T> blocking) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the delivery log is closed"));
    }
    Future<T> result = executor.executeBlocking(blocking, true);
    last = result;
    return result;
  }

  /** Closes the worker once the operations already handed to it have run. */
  synchronized Future<Void> close() {
    closed = true;
    return last.transform(done -> executor.close());
  }
}
