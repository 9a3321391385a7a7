package org.nipcgateway.streaming;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nipcgateway.core.metrics.GatewayMetrics;

/**
 * What delivery did per data app: events delivered, publications, and events dropped with the
 * reason, so that no event is lost without a trace.
 */
final class DeliveryStats {
  /**
   * Counters of publications, attempts or events sent again, not outcomes: not in the event meter.
   */
  private static final Set<String> NOT_EVENTS =
      Set.of(
          DeliveryQueue.PUBLICATIONS,
          DeliveryQueue.RETRIES,
          DeliveryQueue.REPUBLISHED,
          DeliveryQueue.EVICTED_UNACKNOWLEDGED);

  private final Map<String, Map<String, AtomicLong>> counters = new ConcurrentHashMap<>();
  private final GatewayMetrics metrics;

  DeliveryStats(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Counts per data app here (for {@code GET /streaming}) and per destination kind in the gateway's
   * meters (a data app id would make the scrape grow with the registrations).
   *
   * @param destination the app's delivery kind ({@code mqttClient}, {@code webhook} …)
   */
  void count(String dataAppId, String destination, String counter, long amount) {
    counters
        .computeIfAbsent(dataAppId, id -> new ConcurrentHashMap<>())
        .computeIfAbsent(counter, c -> new AtomicLong())
        .addAndGet(amount);
    if (!NOT_EVENTS.contains(counter)) {
      metrics.eventDeliveries(destination, counter, amount);
    }
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
