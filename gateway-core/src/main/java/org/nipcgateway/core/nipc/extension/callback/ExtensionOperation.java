package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * One long operation of an extension (draft-ietf-asdf-nipc, "API extensions"): its instance id, the
 * device and affordance it acts on, the callback to tell, and once finished its result or the
 * problem it ended with. Finished exactly once, through {@link ExtensionOperations}.
 */
public final class ExtensionOperation {
  private final String instanceId;
  private final String deviceId;
  private final String kind;
  private final String subject;
  private final Optional<Callback> callback;
  private final Supplier<JsonObject> progress;
  private final BodyId bodyId;
  private boolean claimed;
  private volatile Instant finishedAt;
  private volatile JsonObject result;
  private volatile NipcException problem;

  ExtensionOperation(
      String instanceId,
      String deviceId,
      String kind,
      String subject,
      Optional<Callback> callback,
      Supplier<JsonObject> progress,
      BodyId bodyId) {
    this.instanceId = instanceId;
    this.deviceId = deviceId;
    this.kind = kind;
    this.subject = subject;
    this.callback = callback;
    this.progress = progress;
    this.bodyId = bodyId;
  }

  public String instanceId() {
    return instanceId;
  }

  public String deviceId() {
    return deviceId;
  }

  /** The {@code id} its status and callback bodies carry: its device or its instance id. */
  public String bodyId() {
    return bodyId == BodyId.DEVICE ? deviceId : instanceId;
  }

  /** Which extension runs it, e.g. {@code properties/read/conditional}. */
  public String kind() {
    return kind;
  }

  /** The SDF name it acts on (a property or event name). */
  public String subject() {
    return subject;
  }

  public Optional<Callback> callback() {
    return callback;
  }

  public boolean finished() {
    return finishedAt != null;
  }

  /** The result of a successful operation: the body the result resource answers. */
  public Optional<JsonObject> result() {
    return Optional.ofNullable(result).map(JsonObject::copy);
  }

  /**
   * What the operation has to show while it runs (a Bulk's results so far); empty for operations
   * that show nothing before they finish.
   */
  public JsonObject progress() {
    return progress.get();
  }

  /** The problem a failed operation ended with. */
  public Optional<NipcException> problem() {
    return Optional.ofNullable(problem);
  }

  Optional<Instant> finishedAt() {
    return Optional.ofNullable(finishedAt);
  }

  /**
   * Takes the one right to finish it; false when its outcome was claimed already. Between the claim
   * and {@link #finish} its callback is put in the outbox, so it shows as finished only once the
   * callback is kept.
   */
  synchronized boolean claim() {
    if (claimed) {
      return false;
    }
    claimed = true;
    return true;
  }

  /** Records the outcome (after {@link #claim}); false when it had finished already. */
  synchronized boolean finish(Instant at, JsonObject success, NipcException failure) {
    if (finishedAt != null) {
      return false;
    }
    claimed = true;
    result = success == null ? null : success.copy();
    problem = failure;
    finishedAt = at;
    return true;
  }
}
