package org.nipcgateway.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * The gateway's own meters, beside the ones Vert.x keeps for its HTTP server. Every label takes its
 * values from a small closed set (radio family, operation, outcome, destination kind): never a
 * device id, a data app id or a path, so that a large fleet cannot grow the scrape without bound.
 *
 * <p>Thread-safe: meters are looked up once per label combination and cached.
 */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private final Optional<PrometheusMeterRegistry> prometheus;

  /** By meter name, then by each label's value in turn, to the counter. */
  private final ConcurrentMap<String, ConcurrentMap<String, Object>> counters =
      new ConcurrentHashMap<>();

  private final Timer storeCommits;

  private GatewayMetrics(MeterRegistry registry, Optional<PrometheusMeterRegistry> prometheus) {
    this.registry = registry;
    this.prometheus = prometheus;
    this.storeCommits =
        Timer.builder("nipc.store.commit")
            .description("Store commits (change sets), until durable")
            .publishPercentileHistogram(false)
            .register(registry);
  }

  /** Meters scraped at {@code GET /metrics}. */
  public static GatewayMetrics prometheus(PrometheusMeterRegistry registry) {
    return new GatewayMetrics(registry, Optional.of(registry));
  }

  /** Meters that count nothing, for gateways with metrics turned off and for tests. */
  public static GatewayMetrics none() {
    return new GatewayMetrics(new CompositeMeterRegistry(), Optional.empty());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The scrape, in the Prometheus text format; empty when metrics are off. */
  public Optional<String> scrape() {
    return prometheus.map(PrometheusMeterRegistry::scrape);
  }

  /**
   * One radio call that finished.
   *
   * @param radio {@code ble} or {@code zigbee}
   * @param operation the SPI method ({@code read}, {@code write}, {@code connect} …)
   * @param outcome {@code ok}, {@code refused} (the device answered with an error status) or a
   *     {@link org.nipcgateway.core.radio.RadioException.Reason} in lower case
   */
  public void radioCall(String radio, String operation, String outcome) {
    radioCalls(radio, operation, outcome).increment();
  }

  /** The counter {@link #radioCall} increments, for callers that keep it. */
  Counter radioCalls(String radio, String operation, String outcome) {
    return counter(
        "nipc.radio.calls",
        "Radio operations by radio, operation and outcome",
        "radio",
        radio,
        "operation",
        operation,
        "outcome",
        outcome);
  }

  /**
   * Events that reached a data app's destination, or did not.
   *
   * @param destination the delivery kind ({@code mqttClient}, {@code webhook}, {@code websocket},
   *     {@code mqttBroker})
   * @param outcome {@code delivered}, or the reason the events were dropped
   */
  public void eventDeliveries(String destination, String outcome, long events) {
    counter(
            "nipc.event.deliveries",
            "Events delivered to data apps or dropped, by destination kind and outcome",
            "destination",
            destination,
            "outcome",
            outcome)
        .increment(events);
  }

  /**
   * A Zigbee node joined the network or announced itself while no SCIM Device names it.
   *
   * @param kind {@code joined} or {@code announced}
   */
  public void unknownZigbeeJoin(String kind) {
    counter(
            "nipc.zigbee.unknown.joins",
            "Zigbee nodes that joined or announced themselves with no SCIM device naming them",
            "kind",
            kind)
        .increment();
  }

  /**
   * Counts the store's write transactions (fsyncs), read from the store at each scrape; concurrent
   * commits share one. Micrometer holds the store weakly: the gateway holds it for its lifetime.
   */
  public void storeTransactions(ResourceStore store) {
    FunctionCounter.builder("nipc.store.transactions", store, s -> (double) s.transactions())
        .description("Store write transactions (one fsync each); concurrent commits share one")
        .register(registry);
  }

  /** How long one store commit took until it was durable (or failed). */
  public void storeCommit(Duration took) {
    storeCommits.record(took);
  }

  /**
   * The counter of one label combination, found through one map per label (no key is built per
   * call: this runs for every radio call).
   */
  private Counter counter(String name, String description, String... tags) {
    ConcurrentMap<String, Object> level =
        counters.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
    for (int i = 1; i < tags.length - 2; i += 2) {
      level = nested(level, tags[i]);
    }
    Object known = level.get(tags[tags.length - 1]);
    if (known != null) {
      return (Counter) known;
    }
    return (Counter)
        level.computeIfAbsent(
            tags[tags.length - 1],
            k -> Counter.builder(name).description(description).tags(tags).register(registry));
  }

  @SuppressWarnings("unchecked")
  private static ConcurrentMap<String, Object> nested(
      ConcurrentMap<String, Object> level, String key) {
    Object next = level.get(key);
    if (next == null) {
      next = level.computeIfAbsent(key, k -> new ConcurrentHashMap<String, Object>());
    }
    return (ConcurrentMap<String, Object>) next;
  }
}
