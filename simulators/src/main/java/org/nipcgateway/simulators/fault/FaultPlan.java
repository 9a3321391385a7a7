package org.nipcgateway.simulators.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nipcgateway.core.radio.RadioException;

/**
 * The faults injected into the simulated radios, from configuration or at runtime. Each radio
 * operation asks {@link #strike} first; a matching fault is used up (unless it repeats for ever)
 * and becomes the operation's failure.
 */
public final class FaultPlan {
  private final List<Fault> faults = new ArrayList<>();

  public synchronized Fault add(
      String radio, String operation, Optional<String> device, Fault.Kind kind, int times) {
    Fault fault = new Fault(UUID.randomUUID().toString(), radio, operation, device, kind, times);
    faults.add(fault);
    return fault;
  }

  public synchronized List<Fault> list() {
    return List.copyOf(faults);
  }

  public synchronized void clear() {
    faults.clear();
  }

  /** The failure injected into this operation, if any; consumes one use of the fault. */
  public synchronized Optional<StruckFault> strike(String radio, String operation, String device) {
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      if (fault.matches(radio, operation, device)) {
        if (fault.remaining() == 1) {
          faults.remove(i);
        } else if (fault.remaining() > 1) {
          faults.set(
              i,
              new Fault(
                  fault.id(),
                  fault.radio(),
                  fault.operation(),
                  fault.device(),
                  fault.kind(),
                  fault.remaining() - 1));
        }
        return Optional.of(new StruckFault(fault.kind(), fault.kind().failure(operation, device)));
      }
    }
    return Optional.empty();
  }

  /** A fault that hit an operation: its kind (radios react to some) and the failure to report. */
  public record StruckFault(Fault.Kind kind, RadioException failure) {}
}
