package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long operations of every extension by instance id, in memory: started with {@link #start},
 * finished once with {@link #complete} or {@link #fail}, which also puts the callback in the outbox
 * if the request registered one; the operation shows as finished once the outbox has kept it (on
 * disk, for the durable outbox), so a client that saw it finished can count on the callback across
 * a restart. Finished operations stay for {@code keepFinished}, then go; at most {@code
 * maxOperations} are kept, and when that many are still running a new one is refused with 503, so
 * memory stays bounded however many requests arrive.
 *
 * <p>A callback body is the operation's result, or its problem document, with {@code id} (the
 * device or the instance, as the extension's OpenAPI file shows it: {@link BodyId}), {@code
 * instanceId} and what the extension adds (the property or event name, the last value).
 */
public final class ExtensionOperations {
  private static final Logger LOG = LoggerFactory.getLogger(ExtensionOperations.class);

  private final Clock clock;
  private final Duration keepFinished;
  private final int maxOperations;
  private final CallbackOutbox callbacks;
  private final ProblemDocuments problems;
  private final Map<String, ExtensionOperation> operations = new LinkedHashMap<>();

  public ExtensionOperations(
      Clock clock,
      Duration keepFinished,
      int maxOperations,
      CallbackOutbox callbacks,
      ProblemDocuments problems) {
    this.clock = clock;
    this.keepFinished = keepFinished;
    this.maxOperations = maxOperations;
    this.callbacks = callbacks;
    this.problems = problems;
  }

  /**
   * Starts keeping a new operation whose bodies carry its device as {@code id}; 503 when {@code
   * maxOperations} are still running.
   */
  public ExtensionOperation start(
      String deviceId, String kind, String subject, Optional<Callback> callback) {
    return start(deviceId, kind, subject, callback, BodyId.DEVICE, JsonObject::new);
  }

  /** As {@link #start(String, String, String, Optional)}, with the {@code id} its bodies carry. */
  public ExtensionOperation start(
      String deviceId, String kind, String subject, Optional<Callback> callback, BodyId bodyId) {
    return start(deviceId, kind, subject, callback, bodyId, JsonObject::new);
  }

  /**
   * As {@link #start(String, String, String, Optional, BodyId)}, for an operation that shows {@code
   * progress} while it runs.
   */
  public synchronized ExtensionOperation start(
      String deviceId,
      String kind,
      String subject,
      Optional<Callback> callback,
      BodyId bodyId,
      Supplier<JsonObject> progress) {
    evict();
    makeRoom();
    if (operations.size() >= maxOperations) {
      throw NipcException.generic(
          503, "the gateway runs " + maxOperations + " extension operations; try again later");
    }
    ExtensionOperation operation =
        new ExtensionOperation(
            UUID.randomUUID().toString(), deviceId, kind, subject, callback, progress, bodyId);
    operations.put(operation.instanceId(), operation);
    return operation;
  }

  /** Finishes the operation with its result and sends the callback. */
  public void complete(ExtensionOperation operation, JsonObject result) {
    if (operation.claim()) {
      JsonObject kept = result.copy();
      tell(operation, result.copy())
          .onComplete(told -> operation.finish(clock.instant(), kept, null));
    }
  }

  /**
   * Finishes the operation with a problem and sends the callback: the problem document with {@code
   * context} (e.g. the property and the last value read) added.
   */
  public void fail(ExtensionOperation operation, NipcException problem, JsonObject context) {
    if (operation.claim()) {
      tell(operation, context.copy().mergeIn(problems.of(problem)))
          .onComplete(told -> operation.finish(clock.instant(), null, problem));
    }
  }

  /** The operation with that instance id, if it is of that kind, device and subject. */
  public synchronized Optional<ExtensionOperation> find(
      String deviceId, String kind, String subject, String instanceId) {
    evict();
    return Optional.ofNullable(operations.get(instanceId))
        .filter(o -> o.deviceId().equals(deviceId))
        .filter(o -> o.kind().equals(kind))
        .filter(o -> o.subject().equals(subject));
  }

  /** Forgets the operations on deleted devices (those still running finish unseen). */
  public synchronized void forget(Set<String> deletedIds) {
    operations.values().removeIf(o -> deletedIds.contains(o.deviceId()));
  }

  /** How many operations are kept now (running and finished). */
  public synchronized int size() {
    return operations.size();
  }

  private void evict() {
    var oldest = clock.instant().minus(keepFinished);
    Iterator<ExtensionOperation> all = operations.values().iterator();
    while (all.hasNext()) {
      ExtensionOperation operation = all.next();
      if (operation.finishedAt().map(oldest::isAfter).orElse(false)) {
        all.remove();
      }
    }
  }

  /** At the limit, the oldest finished operations go before their time. */
  private void makeRoom() {
    Iterator<ExtensionOperation> all = operations.values().iterator();
    while (operations.size() >= maxOperations && all.hasNext()) {
      if (all.next().finished()) {
        all.remove();
      }
    }
  }

  /**
   * Puts the operation's result (or problem document) in the outbox for its callback, if it has
   * one; completes once it is kept (or could not be: then it is lost, and logged).
   */
  private Future<Void> tell(ExtensionOperation operation, JsonObject body) {
    if (operation.callback().isEmpty()) {
      return Future.succeededFuture();
    }
    return callbacks
        .enqueue(
            operation.callback().get(),
            new JsonObject()
                .put("id", operation.bodyId())
                .put("instanceId", operation.instanceId())
                .mergeIn(body))
        .onFailure(
            e ->
                LOG.warn(
                    "Callback of {} {} lost: {}",
                    operation.kind(),
                    operation.instanceId(),
                    e.getMessage()));
  }

  /** What the callback outbox holds and did. */
  public JsonObject callbackState() {
    return callbacks.state();
  }
}
