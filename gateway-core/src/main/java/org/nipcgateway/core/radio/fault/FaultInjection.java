package org.nipcgateway.core.radio.fault;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nipcgateway.core.radio.RadioException;

/**
 * The faults and latency injected into one radio by its decorator, and whether the radio is held
 * down. Runtime control (the simulator control API) changes the plan and the latency; the
 * decorators ask {@link #perform} before every call they pass on.
 */
public final class FaultInjection {
  private final Context context;
  private final FaultPlan plan;
  private final Latency latency;

  public FaultInjection(Vertx vertx, String radio) {
    this.context = vertx.getOrCreateContext();
    this.plan = new FaultPlan(radio);
    this.latency = new Latency(vertx);
  }

  public FaultPlan plan() {
    return plan;
  }

  public Latency latency() {
    return latency;
  }

  /** Where the decorators tell their listeners what happened: the radio's own context. */
  Context context() {
    return context;
  }

  /**
   * Whether the operation would pass straight through: no fault planned (so none to strike and the
   * radio not held down) and no latency for it. The decorators then call the radio directly, which
   * is what {@link #perform} would do, without its futures and the device's name.
   */
  boolean idle(String operation) {
    return plan.isEmpty() && latency.isZero(operation);
  }

  /**
   * Runs an operation: fails at once while the radio is held down (the plan is the one source of
   * truth; the decorators' own flag only notices changes), else waits the operation's latency, then
   * meets a fault planned for it ({@code onFault} decides what it does) or does the work.
   */
  <T> Future<T> perform(
      String operation,
      String device,
      Function<Fault, Future<T>> onFault,
      Supplier<Future<T>> work) {
    return unlessDown(operation, device, () -> latency.of(operation))
        .compose(
            v -> {
              Optional<Fault> fault = plan.strike(operation, device);
              if (fault.isEmpty()) {
                return work.get();
              }
              return onFault.apply(fault.get());
            });
  }

  /** The work, unless the radio is held down: then a {@code RADIO_DOWN} failure at once. */
  <T> Future<T> unlessDown(String operation, String device, Supplier<Future<T>> work) {
    return plan.radioDown()
        ? Future.failedFuture(Fault.Kind.RADIO_DOWN.failure(operation, device))
        : work.get();
  }

  /** The plain failure a fault of that kind is. */
  static <T> Future<T> fail(Fault.Kind kind, String operation, String device) {
    RadioException failure = kind.failure(operation, device);
    return Future.failedFuture(failure);
  }
}
