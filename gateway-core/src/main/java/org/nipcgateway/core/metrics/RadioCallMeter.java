package org.nipcgateway.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the calls of one radio operation: each outcome's counter is found in {@link
 * GatewayMetrics} once, not through its label maps on every call, and a call that answered at once
 * is counted without a further future stage.
 */
final class RadioCallMeter {
  private final GatewayMetrics metrics;
  private final String radio;
  private final String operation;
  private final Map<String, Counter> byOutcome = new ConcurrentHashMap<>();

  /** The outcome of nearly every call, found once. */
  private volatile Counter ok;

  RadioCallMeter(GatewayMetrics metrics, String radio, String operation) {
    this.metrics = metrics;
    this.radio = radio;
    this.operation = operation;
  }

  <T> Future<T> counted(Future<T> call) {
    if (call.isComplete()) {
      count(call);
      return call;
    }
    return call.andThen(this::count);
  }

  private void count(AsyncResult<?> result) {
    String outcome = RadioOutcome.of(result);
    boolean succeeded = outcome == RadioOutcome.OK;
    Counter counter = succeeded ? ok : byOutcome.get(outcome);
    if (counter == null) {
      counter = byOutcome.computeIfAbsent(outcome, o -> metrics.radioCalls(radio, operation, o));
      if (succeeded) {
        ok = counter;
      }
    }
    counter.increment();
  }
}
