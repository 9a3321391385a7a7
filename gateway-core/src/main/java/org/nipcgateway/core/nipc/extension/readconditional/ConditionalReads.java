package org.nipcgateway.core.nipc.extension.readconditional;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Base64;
import org.nipcgateway.core.nipc.extension.callback.BodyId;
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
 * the problem of a read that failed. A bulk's conditional read ({@link #untilMatch}) reads the same
 * way and fails with the same problems.
 */
public final class ConditionalReads {
  static final String KIND = "properties/read/conditional";

  private final Vertx vertx;
  private final PropertyService properties;
  private final ExtensionOperations operations;

  /** What a series of reads ended with: the last value, after how many reads, matching or not. */
  private record Reads(byte[] last, int count, boolean matched) {}

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
                  operations.start(deviceId, KIND, property, request.callback(), BodyId.DEVICE);
              repeat(deviceId, property, request, first, 1)
                  .onSuccess(reads -> finish(operation, reads))
                  .onFailure(e -> failed(operation, e));
              return operation;
            });
  }

  /** Reads until the value matches: completes with it, or fails as the operation would. */
  Future<byte[]> untilMatch(String deviceId, String property, ConditionalRead request) {
    return read(deviceId, property)
        .compose(first -> repeat(deviceId, property, request, first, 1))
        .compose(
            reads ->
                reads.matched()
                    ? Future.succeededFuture(reads.last())
                    : Future.failedFuture(notMatched(property, reads)));
  }

  private Future<byte[]> read(String deviceId, String property) {
    return properties.device(deviceId).compose(device -> properties.read(device, property));
  }

  /** After read number {@code count} gave {@code value}: done, or read again later. */
  private Future<Reads> repeat(
      String deviceId, String property, ConditionalRead request, byte[] value, int count) {
    if (Arrays.equals(value, request.value())) {
      return Future.succeededFuture(new Reads(value, count, true));
    }
    if (count >= request.maxRepeat()) {
      return Future.succeededFuture(new Reads(value, count, false));
    }
    Promise<byte[]> again = Promise.promise();
    vertx.setTimer(
        Math.max(1, request.retryTime() * 1000L), t -> read(deviceId, property).onComplete(again));
    return again
        .future()
        .recover(e -> Future.failedFuture(readFailed(property, e)))
        .compose(next -> repeat(deviceId, property, request, next, count + 1));
  }

  private void finish(ExtensionOperation operation, Reads reads) {
    JsonObject outcome =
        new JsonObject()
            .put("property", operation.subject())
            .put("value", Base64.getEncoder().encodeToString(reads.last()));
    if (reads.matched()) {
      operations.complete(operation, outcome);
    } else {
      operations.fail(operation, notMatched(operation.subject(), reads), outcome);
    }
  }

  private void failed(ExtensionOperation operation, Throwable e) {
    operations.fail(
        operation,
        readFailed(operation.subject(), e),
        new JsonObject().put("property", operation.subject()));
  }

  private static NipcException notMatched(String property, Reads reads) {
    return NipcException.generic(
        504,
        "Property "
            + property
            + " did not have the value asked for in "
            + reads.count()
            + " read(s)");
  }

  private static NipcException readFailed(String property, Throwable e) {
    return e instanceof NipcException nipc
        ? nipc
        : NipcException.generic(502, "Property " + property + " could not be read");
  }
}
