package org.nipcgateway.core.radio.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults injected into one radio, from configuration or at runtime. Each operation asks {@link
 * #strike} first; a matching fault is used up (unless it repeats until cleared) and becomes the
 * operation's failure. A {@link Fault.Kind#RADIO_DOWN} fault is no single failure but a state: it
 * holds while it is planned, and whoever watches {@link #onChange} learns when that changes.
 */
public final class FaultPlan {
  private final String radio;
  private final List<Fault> faults = new ArrayList<>();
  private final List<Runnable> watchers = new CopyOnWriteArrayList<>();

  /** Mirrors {@code faults.isEmpty()} for a check without the lock on every radio call. */
  private volatile boolean empty = true;

  public FaultPlan(String radio) {
    this.radio = radio;
  }

  public String radio() {
    return radio;
  }

  public Fault add(String operation, Optional<String> device, Fault.Kind kind, int times) {
    return add(operation, device, kind, times, 0, OptionalInt.empty());
  }

  /**
   * Adds a fault that lets {@code after} matching operations pass first and, when it is a refusal,
   * answers with {@code status}; fails with {@link IllegalArgumentException} for a status on a
   * fault that is no refusal, or one out of 1–255.
   */
  public Fault add(
      String operation,
      Optional<String> device,
      Fault.Kind kind,
      int times,
      int after,
      OptionalInt status) {
    Fault fault =
        new Fault(
            UUID.randomUUID().toString(), radio, operation, device, kind, times, after, status);
    synchronized (this) {
      faults.add(fault);
      empty = false;
    }
    watchers.forEach(Runnable::run);
    return fault;
  }

  public synchronized List<Fault> list() {
    return List.copyOf(faults);
  }

  public void clear() {
    synchronized (this) {
      faults.clear();
      empty = true;
    }
    watchers.forEach(Runnable::run);
  }

  /** Whether no fault at all is planned (nothing to strike, the radio not held down). */
  public boolean isEmpty() {
    return empty;
  }

  /** Whether a radio-down fault is planned. */
  public synchronized boolean radioDown() {
    return faults.stream().anyMatch(f -> f.kind() == Fault.Kind.RADIO_DOWN);
  }

  /** Runs after every change of the plan, on the thread that changed it. */
  public void onChange(Runnable watcher) {
    watchers.add(watcher);
  }

  /** The fault injected into this operation, if any; consumes one use of it. */
  public synchronized Optional<Fault> strike(String operation, String device) {
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      if (fault.matches(radio, operation, device)) {
        if (fault.after() > 0) {
          // This operation passes; the fault waits for a later one.
          faults.set(i, fault.with(fault.remaining(), fault.after() - 1));
          return Optional.empty();
        }
        if (fault.remaining() == 1) {
          faults.remove(i);
          empty = faults.isEmpty();
        } else if (fault.remaining() > 1) {
          faults.set(i, fault.with(fault.remaining() - 1, 0));
        }
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }
}
