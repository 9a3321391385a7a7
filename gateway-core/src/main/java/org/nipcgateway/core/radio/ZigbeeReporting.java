package org.nipcgateway.core.radio;

import java.util.Optional;

/**
 * A ZCL Configure Reporting request: report at most every {@code minInterval} and at least every
 * {@code maxInterval} seconds, and whenever the value moved by {@code reportableChange} (raw bytes
 * of the attribute's type; analog types only). A maximum interval of 0xFFFF turns reporting off.
 */
public record ZigbeeReporting(int minInterval, int maxInterval, Optional<byte[]> reportableChange) {
  public static final int OFF_INTERVAL = 0xFFFF;

  /** The gateway's defaults when a map gives none: changes at most each second, else hourly. */
  public static final ZigbeeReporting DEFAULT = new ZigbeeReporting(1, 3600, Optional.empty());

  public static final ZigbeeReporting OFF = new ZigbeeReporting(0, OFF_INTERVAL, Optional.empty());

  public ZigbeeReporting {
    if (minInterval < 0 || minInterval > 0xFFFF || maxInterval < 0 || maxInterval > 0xFFFF) {
      throw new IllegalArgumentException("reporting intervals are 0 to 65535 seconds");
    }
    reportableChange = reportableChange.map(byte[]::clone);
  }

  public boolean off() {
    return maxInterval == OFF_INTERVAL;
  }
}
