package org.nipcgateway.streaming;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What delivery did per data app: events delivered, publications, and events dropped with the
 * reason, so that no event is lost without a trace.
 */
final class DeliveryStats {
  private final Map<String, Map<String, AtomicLong>> counters = new ConcurrentHashMap<>();

  void count(String dataAppId, String counter, long amount) {
    counters
        .computeIfAbsent(dataAppId, id -> new ConcurrentHashMap<>())
        .computeIfAbsent(counter, c -> new AtomicLong())
        .addAndGet(amount);
  }

  JsonObject json() {
    JsonObject apps = new JsonObject();
    new TreeMap<>(counters)
        .forEach(
            (app, values) -> {
              JsonObject counts = new JsonObject();
              new TreeMap<>(values).forEach((name, value) -> counts.put(name, value.get()));
              apps.put(app, counts);
            });
    return apps;
  }
}
