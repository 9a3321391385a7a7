package org.nipcgateway.core.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The route labels of requests that passed a sub-router ({@code /nipc/>/devices/:id/properties}),
 * each joined once: a label joined per request is a new string to build and to hash again when the
 * response's meters are looked up by it. Route templates are a closed set, and so are their joins.
 * Thread-safe: every event loop shares one.
 */
final class RouteLabels {
  private final ConcurrentMap<String, ConcurrentMap<String, String>> joined =
      new ConcurrentHashMap<>();

  /** {@code outer>inner}, the same string each time for the same two. */
  String join(String outer, String inner) {
    ConcurrentMap<String, String> byInner = joined.get(outer);
    if (byInner == null) {
      byInner = joined.computeIfAbsent(outer, o -> new ConcurrentHashMap<>());
    }
    String label = byInner.get(inner);
    return label != null ? label : byInner.computeIfAbsent(inner, i -> outer + '>' + i);
  }
}
