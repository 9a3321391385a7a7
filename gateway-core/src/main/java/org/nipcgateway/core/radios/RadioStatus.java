package org.nipcgateway.core.radios;

import java.util.Map;
import org.nipcgateway.core.radio.RadioState;

/**
 * A configured radio family as health reports show it: the driver that runs it, its state, and what
 * the driver adds ({@link org.nipcgateway.core.radio.RadioDriver#details}).
 */
public record RadioStatus(
    String family, String driver, RadioState state, Map<String, Object> details) {

  public RadioStatus {
    // Sorted, so /health answers the same bytes every time whatever map the driver built.
    details = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
  }

  public RadioStatus(String family, String driver, RadioState state) {
    this(family, driver, state, Map.of());
  }
}
