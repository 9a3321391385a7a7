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
    details = Map.copyOf(details);
  }

  public RadioStatus(String family, String driver, RadioState state) {
    this(family, driver, state, Map.of());
  }
}
