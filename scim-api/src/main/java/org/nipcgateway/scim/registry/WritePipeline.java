package org.nipcgateway.scim.registry;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.core.storage.TaskSequencer;

/**
 * Orders the registry's writes so that every check sees every earlier write, while creates do not
 * wait for the disk one after another (issue 16): the store commits concurrent creates in one
 * transaction only if they reach it concurrently.
 *
 * <p>A create adds one new resource under a fresh id and changes nothing else, so what it must not
 * miss from the creates still being committed ("in flight") is small: their unique attribute values
 * (the check is given them) and their existence (a group naming one as a member). So a create is
 * checked against the committed registry plus the in-flight creates, then handed to the store, and
 * the next write may start at once; its answer waits for its own commit. A create whose check fails
 * while others are in flight is checked again once they are committed, against the registry alone:
 * a value taken by a create that then failed, or a member not yet committed, never decides its
 * answer. Every other write (replace, patch, delete) waits until nothing is in flight and runs
 * alone, as before.
 */
final class WritePipeline {
  /** Creates in flight at most; beyond, the next waits for them, which bounds the checks' work. */
  static final int MAX_IN_FLIGHT = 64;

  private final TaskSequencer sequencer = new TaskSequencer();

  /** Creates handed to the store and not yet answered, by id; guarded by {@code this}. */
  private final Map<String, InFlight> inFlight = new LinkedHashMap<>();

  private record InFlight(StoredResource resource, Future<?> committed) {}

  /** A write that checks against everything written before it: runs alone, nothing in flight. */
  <T> Future<T> alone(Supplier<Future<T>> write) {
    return sequencer.submit(() -> committed().compose(v -> write.get()));
  }

  /**
   * A create. {@code check} gets the creates in flight (to check uniqueness against) and yields
   * what to commit; {@code commit} commits it and answers once it is durable (and in the index).
   */
  <P, T> Future<T> create(
      Function<List<StoredResource>, Future<P>> check,
      Function<P, StoredResource> created,
      Function<P, Future<T>> commit) {
    Promise<T> answer = Promise.promise();
    sequencer.submit(
        () ->
            room()
                .compose(v -> checked(check))
                .transform(
                    checked -> {
                      if (checked.failed()) {
                        answer.fail(checked.cause());
                      } else {
                        P prepared = checked.result();
                        track(created.apply(prepared), attempt(() -> commit.apply(prepared)))
                            .onComplete(answer);
                      }
                      // The next write may start: this one is checked and queued in the store.
                      return Future.<Void>succeededFuture();
                    }));
    return answer.future();
  }

  private <P> Future<P> checked(Function<List<StoredResource>, Future<P>> check) {
    List<StoredResource> pending = pending();
    Future<P> first = attempt(() -> check.apply(pending));
    if (pending.isEmpty()) {
      return first;
    }
    return first.recover(e -> committed().compose(v -> attempt(() -> check.apply(List.of()))));
  }

  private static <P> Future<P> attempt(Supplier<Future<P>> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private <T> Future<T> track(StoredResource resource, Future<T> committed) {
    synchronized (this) {
      inFlight.put(resource.id(), new InFlight(resource, committed));
    }
    return committed.andThen(
        done -> {
          synchronized (this) {
            inFlight.remove(resource.id());
          }
        });
  }

  private synchronized List<StoredResource> pending() {
    return inFlight.values().stream().map(InFlight::resource).toList();
  }

  private Future<Void> room() {
    synchronized (this) {
      if (inFlight.size() < MAX_IN_FLIGHT) {
        return Future.succeededFuture();
      }
    }
    return committed();
  }

  /** Completes once every create in flight now has been committed or has failed. */
  private Future<Void> committed() {
    List<Future<?>> waiting = new ArrayList<>();
    synchronized (this) {
      inFlight.values().forEach(f -> waiting.add(f.committed()));
    }
    return waiting.isEmpty()
        ? Future.succeededFuture()
        : Future.join(waiting).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Completes once every write accepted so far has been committed (used at shutdown). */
  Future<Void> drained() {
    return sequencer.drained().compose(v -> committed());
  }
}
