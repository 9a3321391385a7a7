package org.nipcgateway.core.radio;

import java.util.Objects;

/**
 * One connection to a peripheral, as its driver numbers them: each link a driver opens or sees open
 * gets a generation larger than any before it on that radio. Events are told after the fact, so a
 * "closed" for a link can reach the gateway after it opened a newer link to the same peripheral;
 * the generation tells the two apart.
 */
public record BleLink(BleAddress address, long generation) {
  public BleLink {
    Objects.requireNonNull(address, "address");
  }

  /** Whether this link was opened after {@code other} (both to the same peripheral). */
  public boolean newerThan(BleLink other) {
    return generation > other.generation;
  }
}
