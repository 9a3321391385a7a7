package org.nipcgateway.core.radio.fault;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each radio operation is held back, in milliseconds: a default and per-operation values,
 * set from configuration or at runtime.
 */
public final class Latency {
  private final Vertx vertx;
  private final Map<String, Long> perOperation = new ConcurrentHashMap<>();
  private volatile long defaultMillis;

  /**
   * Whether every operation runs without delay: the usual case, asked before every radio call, so
   * it is one read instead of a map lookup by the operation's name.
   */
  private volatile boolean none = true;

  public Latency(Vertx vertx) {
    this.vertx = vertx;
  }

  public synchronized void set(String operation, long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    if (operation.equals("*")) {
      defaultMillis = millis;
      perOperation.clear();
    } else {
      perOperation.put(operation, millis);
    }
    none = defaultMillis == 0 && perOperation.values().stream().allMatch(m -> m == 0);
  }

  public Map<String, Long> settings() {
    Map<String, Long> all = new java.util.TreeMap<>(perOperation);
    all.put("*", defaultMillis);
    return all;
  }

  /** Whether the operation is held back at all. */
  public boolean isZero(String operation) {
    return none || perOperation.getOrDefault(operation, defaultMillis) == 0;
  }

  /** Completes after the operation's latency, on the caller's context. */
  public Future<Void> of(String operation) {
    long millis = perOperation.getOrDefault(operation, defaultMillis);
    if (millis == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    vertx.setTimer(millis, id -> done.complete());
    return done.future();
  }
}
