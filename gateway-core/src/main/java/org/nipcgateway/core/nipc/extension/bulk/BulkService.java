package org.nipcgateway.core.nipc.extension.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.nipcgateway.core.nipc.extension.callback.BodyId;
import org.nipcgateway.core.nipc.extension.callback.Callback;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperation;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs bulks (the Bulk extension): every operation is checked when the bulk is posted (a bad one
 * refuses the whole bulk, nothing runs), then they run one after the other, in order. The first
 * that fails answers its problem, and every one after it extension-operation-not-executed. Runs are
 * kept with the other extensions' long operations ({@link ExtensionOperations}: bounded, finished
 * ones for a while), in memory, not across a restart.
 */
public final class BulkService {
  private static final Logger LOG = LoggerFactory.getLogger(BulkService.class);

  /** The kind of long operation a bulk is, as {@link ExtensionOperations} keeps it. */
  static final String KIND = "bulk";

  /** One operation of a posted bulk, as its body gave it. */
  public record Operation(String method, String path, JsonNode data) {}

  private record Prepared(Operation operation, BulkStep.Run run) {}

  private final Affordances affordances;
  private final BulkSteps steps;
  private final ProblemDocuments problems;
  private final AdvertisementWaits advertisements;
  private final ExtensionOperations operations;

  /**
   * @param scanning holds BLE scanning on until the action it yields runs (for the advertisement
   *     trigger)
   * @param maxAdvertisementWait how long a bulk waits for its device to advertise, ms
   */
  public BulkService(
      Affordances affordances,
      BulkSteps steps,
      ProblemDocuments problems,
      io.vertx.core.Vertx vertx,
      Supplier<Future<Runnable>> scanning,
      long maxAdvertisementWait,
      ExtensionOperations operations) {
    this.operations = operations;
    this.affordances = affordances;
    this.steps = steps;
    this.problems = problems;
    this.advertisements = new AdvertisementWaits(vertx, scanning, maxAdvertisementWait);
  }

  /** What sees advertisements for the advertisement trigger: to be given to the BLE radio. */
  public org.nipcgateway.core.radio.BleListener advertisementListener() {
    return advertisements;
  }

  /**
   * Checks the bulk and starts it, at once or ({@code onAdvertisement}) when its device next
   * advertises; fails at once (nothing run) when any operation is malformed, or with 503 when the
   * gateway runs as many extension operations as it keeps.
   */
  public Future<ExtensionOperation> start(
      String deviceId,
      List<Operation> operations,
      boolean onAdvertisement,
      Optional<Callback> callback) {
    return affordances
        .device(deviceId)
        .map(
            device -> {
              if (onAdvertisement && device.ble().isEmpty()) {
                throw NipcException.badRequest(
                    "the advertisement trigger needs a device with a BLE address");
              }
              List<Prepared> prepared = new ArrayList<>();
              for (int i = 0; i < operations.size(); i++) {
                Operation operation = operations.get(i);
                try {
                  prepared.add(
                      new Prepared(
                          operation,
                          steps.prepare(
                              deviceId, operation.method(), operation.path(), operation.data())));
                } catch (NipcException e) {
                  String detail = "operation " + (i + 1) + ": " + e.getMessage();
                  throw e.problem()
                      .map(type -> NipcException.of(type, detail))
                      .orElseGet(() -> NipcException.generic(e.genericStatus(), detail));
                }
              }
              BulkRun run = new BulkRun();
              ExtensionOperation bulk =
                  this.operations.start(
                      deviceId, KIND, "", callback, BodyId.INSTANCE, run::results);
              Future<Void> ready =
                  onAdvertisement
                      ? advertisements.next(device.ble().orElseThrow())
                      : Future.succeededFuture();
              ready
                  .transform(
                      seen ->
                          seen.succeeded()
                              ? runAll(run, prepared)
                              : skipAll(run, prepared, seen.cause()))
                  .onComplete(done -> this.operations.complete(bulk, run.results()));
              return bulk;
            });
  }

  /** The bulk with that instance id on that device. */
  public Optional<ExtensionOperation> run(String deviceId, String instanceId) {
    return operations.find(deviceId, KIND, "", instanceId);
  }

  /**
   * Arms every operation first (a conditional event starts listening, so that an event sent in
   * answer to an earlier operation is not missed), runs them in order, and releases them all once
   * the bulk ended, however it ended.
   */
  private Future<Void> runAll(BulkRun run, List<Prepared> prepared) {
    Future<Boolean> chain =
        Future.join(
                IntStream.range(0, prepared.size())
                    .mapToObj(i -> prepared.get(i).run().arm(new BulkStep.Position(run, i)))
                    .toList())
            .transform(armed -> Future.succeededFuture(true));
    for (Prepared step : prepared) {
      chain = chain.compose(going -> going ? runOne(run, step) : notRun(run, step));
    }
    return chain.onComplete(done -> prepared.forEach(p -> p.run().release())).mapEmpty();
  }

  /** Reports every operation not executed: the trigger never came. */
  private Future<Void> skipAll(BulkRun run, List<Prepared> prepared, Throwable why) {
    String detail =
        why instanceof NipcException nipc
            ? "Operation was not executed: " + nipc.getMessage()
            : "Operation was not executed: its trigger failed";
    for (Prepared step : prepared) {
      run.add(
          step.operation().method(),
          step.operation().path(),
          problems.of(NipcException.of(NipcProblem.EXTENSION_OPERATION_NOT_EXECUTED, detail)));
    }
    return Future.succeededFuture();
  }

  /** Runs one operation; true when the next may run. */
  private Future<Boolean> runOne(BulkRun run, Prepared step) {
    Future<JsonObject> outcome;
    try {
      outcome = step.run().get();
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome.transform(
        done -> {
          Operation operation = step.operation();
          if (done.succeeded()) {
            run.add(operation.method(), operation.path(), done.result());
            return Future.succeededFuture(true);
          }
          NipcException problem;
          if (done.cause() instanceof NipcException nipc) {
            problem = nipc;
          } else {
            LOG.error(
                "Bulk operation {} {} failed", operation.method(), operation.path(), done.cause());
            problem = NipcException.generic(500, "internal error");
          }
          run.add(operation.method(), operation.path(), problems.of(problem));
          return Future.succeededFuture(false);
        });
  }

  private Future<Boolean> notRun(BulkRun run, Prepared step) {
    NipcException skipped =
        NipcException.of(
            NipcProblem.EXTENSION_OPERATION_NOT_EXECUTED,
            "Operation was not executed since a previous operation failed");
    run.add(step.operation().method(), step.operation().path(), problems.of(skipped));
    return Future.succeededFuture(false);
  }
}
