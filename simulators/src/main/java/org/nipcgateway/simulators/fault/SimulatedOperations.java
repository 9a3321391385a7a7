package org.nipcgateway.simulators.fault;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nipcgateway.core.radio.RadioException;

/**
 * How every simulated radio operation runs: wait its latency, then meet any fault planned for it
 * (the radio may react to the fault, e.g. drop a link), else do the work. Work and reaction run
 * under the radio's lock.
 */
public final class SimulatedOperations {
  private final String radio;
  private final Latency latency;
  private final FaultPlan faults;

  public SimulatedOperations(String radio, Latency latency, FaultPlan faults) {
    this.radio = radio;
    this.latency = latency;
    this.faults = faults;
  }

  public <T> Future<T> perform(
      String operation,
      String device,
      Object lock,
      Consumer<Fault.Kind> onFault,
      Supplier<T> work) {
    return latency
        .of(operation)
        .compose(
            v -> {
              synchronized (lock) {
                Optional<FaultPlan.StruckFault> fault = faults.strike(radio, operation, device);
                if (fault.isPresent()) {
                  onFault.accept(fault.get().kind());
                  return Future.failedFuture(fault.get().failure());
                }
                try {
                  return Future.succeededFuture(work.get());
                } catch (RadioException e) {
                  return Future.failedFuture(e);
                }
              }
            });
  }

  public Latency latency() {
    return latency;
  }

  public FaultPlan faults() {
    return faults;
  }
}
