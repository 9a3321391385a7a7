package org.nipcgateway.core.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the commits that arrive while a transaction is being written, so that they share the next
 * one: one fsync for many concurrent writers instead of one each (issue 16). Each caller's future
 * completes, on the caller's own context, only once the transaction holding its change set is on
 * disk or its change set has failed.
 *
 * <p>Change sets are written in the order they were submitted, one batch at a time, on the store's
 * single worker: a later commit never overtakes an earlier one.
 */
final class GroupCommit {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** Writes a batch of change sets; runs on the store's worker and may block. */
  interface BatchWriter {
    /**
     * Writes the change sets in order; returns, in the same order, why each failed, or null for
     * each that is durable.
     */
    List<RuntimeException> write(List<ChangeSet> batch);
  }

  private record Pending(ChangeSet changes, Context context, Promise<Void> done) {}

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final BatchWriter writer;
  private final int maxBatch;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();

  /** Whether a drain is scheduled or running on the worker; guarded by {@code this}. */
  private boolean draining;

  GroupCommit(Vertx vertx, WorkerExecutor worker, BatchWriter writer, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    this.vertx = vertx;
    this.worker = worker;
    this.writer = writer;
    this.maxBatch = maxBatch;
  }

  /** Queues the change set for the next transaction; completes once it is durable. */
  Future<Void> submit(ChangeSet changes) {
    Pending pending = new Pending(changes, vertx.getOrCreateContext(), Promise.promise());
    boolean start;
    synchronized (this) {
      queue.add(pending);
      start = !draining;
      draining = true;
    }
    if (start) {
      schedule();
    }
    return pending.done().future();
  }

  private void schedule() {
    Future<Void> drained;
    try {
      drained = worker.executeBlocking(this::drain);
    } catch (RuntimeException e) {
      drained = Future.failedFuture(e);
    }
    // The worker refused the task (it is closed): nothing else will answer the queued writes.
    drained.onFailure(e -> failQueued(new StoreException("store is closed", e)));
  }

  /**
   * Writes batches until the queue is empty. Whatever arrived while one batch was being written
   * forms the next: the longer a transaction takes, the more the next one carries.
   */
  private Void drain() {
    for (List<Pending> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
      List<RuntimeException> outcomes;
      try {
        outcomes = writer.write(batch.stream().map(Pending::changes).toList());
      } catch (RuntimeException e) {
        LOG.error("Store batch write failed unexpectedly: {}", e.getMessage());
        outcomes = Collections.nCopies(batch.size(), e);
      }
      for (int i = 0; i < batch.size(); i++) {
        complete(batch.get(i), outcomes.get(i));
      }
    }
    return null;
  }

  private synchronized List<Pending> nextBatch() {
    List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
    while (batch.size() < maxBatch && !queue.isEmpty()) {
      batch.add(queue.poll());
    }
    if (batch.isEmpty()) {
      draining = false;
    }
    return batch;
  }

  private void failQueued(StoreException failure) {
    List<Pending> failed;
    synchronized (this) {
      failed = new ArrayList<>(queue);
      queue.clear();
      draining = false;
    }
    failed.forEach(p -> complete(p, failure));
  }

  private static void complete(Pending pending, RuntimeException failure) {
    pending
        .context()
        .runOnContext(
            v -> {
              if (failure == null) {
                pending.done().complete();
              } else {
                pending.done().fail(failure);
              }
            });
  }
}
