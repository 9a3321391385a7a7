package org.nipcgateway.it.support.radio;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Every radio row the NIPC scenarios run over. A driver issue adds its row here, one line, and
 * every {@link RadioScenario} class runs over it too.
 */
public final class RadioRows {
  private RadioRows() {}

  public static List<RadioRow> all() {
    return List.of(simulated(), new BluezRow(), new ZsmartsystemsRow());
  }

  /** The row of classes that test the gateway rather than a radio (security, benchmarks). */
  public static RadioRow simulated() {
    return new SimulatedRow();
  }

  /** The rows as {@link RadioScenario} arguments, each named for test reports. */
  static Stream<Named<RadioRow>> named() {
    return all().stream().map(row -> Named.of(row.name(), row));
  }
}
