package org.nipcgateway.core.nipc.extension.readconditional;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Base64;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperation;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.operation.PropertyService;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * Reads a property until its value is the one asked for (draft-ietf-asdf-nipc, "NIPC API
 * conditional read extension"). The first read happens before the request is answered, so an
 * unknown device or property, an unreadable property or a failing radio is the request's own
 * problem and nothing is kept; later reads run on timers in the background. The operation completes
 * with the matching value, or fails with 504 once {@code maxRepeat} reads did not match, or with
 * the problem of a read that failed.
 */
public final class ConditionalReads {
  static final String KIND = "properties/read/conditional";

  private final Vertx vertx;
  private final PropertyService properties;
  private final ExtensionOperations operations;

  public ConditionalReads(Vertx vertx, PropertyService properties, ExtensionOperations operations) {
    this.vertx = vertx;
    this.properties = properties;
    this.operations = operations;
  }

  /** Reads once and starts the operation (finished already when that first read matched). */
  Future<ExtensionOperation> start(String deviceId, String property, ConditionalRead request) {
    return read(deviceId, property)
        .map(
            first -> {
              ExtensionOperation operation =
                  operations.start(deviceId, KIND, property, request.callback());
              next(operation, request, first, 1);
              return operation;
            });
  }

  private Future<byte[]> read(String deviceId, String property) {
    return properties.device(deviceId).compose(device -> properties.read(device, property));
  }

  /** After read number {@code reads} gave {@code value}: finish, or read again later. */
  private void next(
      ExtensionOperation operation, ConditionalRead request, byte[] value, int reads) {
    if (Arrays.equals(value, request.value())) {
      operations.complete(operation, outcome(operation, value));
      return;
    }
    if (reads >= request.maxRepeat()) {
      operations.fail(
          operation,
          NipcException.generic(
              504,
              "Property "
                  + operation.subject()
                  + " did not have the value asked for in "
                  + reads
                  + " read(s)"),
          outcome(operation, value));
      return;
    }
    vertx.setTimer(
        Math.max(1, request.retryTime() * 1000L),
        t ->
            read(operation.deviceId(), operation.subject())
                .onSuccess(again -> next(operation, request, again, reads + 1))
                .onFailure(e -> failed(operation, e)));
  }

  private void failed(ExtensionOperation operation, Throwable e) {
    NipcException problem =
        e instanceof NipcException nipc
            ? nipc
            : NipcException.generic(502, "Property " + operation.subject() + " could not be read");
    operations.fail(operation, problem, new JsonObject().put("property", operation.subject()));
  }

  private static JsonObject outcome(ExtensionOperation operation, byte[] value) {
    return new JsonObject()
        .put("property", operation.subject())
        .put("value", Base64.getEncoder().encodeToString(value));
  }
}
