package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.nipc.link.RadioProblems;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.radio.DeviceAnswer;

/**
 * Reads and writes device properties: resolves the device, the property's definition and its
 * protocol map, then asks the radio.
 */
public final class PropertyService {
  private static final NipcProblem READ_FAILED = NipcProblem.PROPERTY_READ_FAILED;
  private static final NipcProblem WRITE_FAILED = NipcProblem.PROPERTY_WRITE_FAILED;
  private final Affordances affordances;
  private final RadioAccess radios;
  private final ProtocolTargets targets = new ProtocolTargets();

  public PropertyService(Affordances affordances, RadioAccess radios) {
    this.affordances = affordances;
    this.radios = radios;
  }

  public Future<DeviceRecord> device(String id) {
    return affordances.device(id);
  }

  public Future<byte[]> read(DeviceRecord device, String property) {
    Future<JsonNode> definition = affordances.definition(device, property, "sdfProperty");
    // A definition found in the cache and a radio that answers at once take no future stages.
    return definition.succeeded()
        ? guarded(() -> readDefined(device, property, definition.result()))
        : definition.compose(found -> readDefined(device, property, found));
  }

  private Future<byte[]> readDefined(DeviceRecord device, String property, JsonNode definition) {
    if (!definition.path("readable").asBoolean(true)) {
      throw NipcException.of(
          NipcProblem.PROPERTY_NOT_READABLE, "Property " + property + " is not readable");
    }
    ProtocolTarget target = target(device, property, definition, false);
    Future<DeviceAnswer<byte[]>> answer = target.read(radios);
    return answer.isComplete()
        ? outcome(answer, target, property, READ_FAILED)
        : answer.transform(done -> outcome(done, target, property, READ_FAILED));
  }

  /** The property's definition if it may be written; else property-not-writable. */
  public Future<JsonNode> writableDefinition(DeviceRecord device, String property) {
    Future<JsonNode> definition = affordances.definition(device, property, "sdfProperty");
    return definition.succeeded()
        ? guarded(() -> Future.succeededFuture(writable(property, definition.result())))
        : definition.map(found -> writable(property, found));
  }

  private static JsonNode writable(String property, JsonNode definition) {
    if (!definition.path("writable").asBoolean(true)) {
      throw NipcException.of(
          NipcProblem.PROPERTY_NOT_WRITABLE, "Property " + property + " is not writable");
    }
    return definition;
  }

  public Future<Void> write(DeviceRecord device, String property, byte[] value) {
    return write(device, property, value, RefusalMeaning.NONE);
  }

  /**
   * Writes the value; a refusal that {@code meaning} names a problem for fails with that problem,
   * any other as every refused write does.
   */
  public Future<Void> write(
      DeviceRecord device, String property, byte[] value, RefusalMeaning meaning) {
    Future<JsonNode> definition = writableDefinition(device, property);
    return definition.succeeded()
        ? guarded(() -> writeDefined(device, property, value, meaning, definition.result()))
        : definition.compose(found -> writeDefined(device, property, value, meaning, found));
  }

  private Future<Void> writeDefined(
      DeviceRecord device,
      String property,
      byte[] value,
      RefusalMeaning meaning,
      JsonNode definition) {
    ProtocolTarget target = target(device, property, definition, true);
    Future<DeviceAnswer<Void>> answer = target.write(radios, value);
    return answer.isComplete()
        ? outcome(answer, meaning, target, property)
        : answer.transform(done -> outcome(done, meaning, target, property));
  }

  /** The step's future, or its failure when it throws, as a compose stage would give it. */
  private static <T> Future<T> guarded(Supplier<Future<T>> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * A write's answer as {@link #outcome(AsyncResult, ProtocolTarget, String, NipcProblem)} gives
   * it, once a refusal has been read as {@code meaning} says.
   */
  private static Future<Void> outcome(
      AsyncResult<DeviceAnswer<Void>> answer,
      RefusalMeaning meaning,
      ProtocolTarget target,
      String property) {
    if (answer.succeeded()) {
      Optional<NipcException> meant = answer.result().refusal().flatMap(meaning::problem);
      if (meant.isPresent()) {
        return Future.failedFuture(meant.get());
      }
    }
    return outcome(answer, target, property, WRITE_FAILED);
  }

  /**
   * The device's answer as the operation's value or problem, a failed call as its problem: one step
   * on the hot path rather than a recover and a map.
   */
  private static <T> Future<T> outcome(
      AsyncResult<DeviceAnswer<T>> answer,
      ProtocolTarget target,
      String property,
      NipcProblem failed) {
    if (answer.succeeded() && answer.result().succeeded()) {
      return Future.succeededFuture(answer.result().value());
    }
    String subject = "Property " + property;
    try {
      return answer.succeeded()
          ? Future.succeededFuture(
              RadioProblems.value(answer.result(), target.ble(), subject, failed))
          : RadioProblems.recover(answer.cause(), target.ble(), subject, failed);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private ProtocolTarget target(
      DeviceRecord device, String property, JsonNode definition, boolean write) {
    return targets.of(device, property, definition.path("sdfProtocolMap"), write);
  }
}
