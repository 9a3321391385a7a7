package org.nipcgateway.simulators.fault;

import java.util.Optional;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/**
 * One injected fault: which radio operation it hits (optionally only for one device), what goes
 * wrong, and how many more times (a negative count means every time).
 */
public record Fault(
    String id, String radio, String operation, Optional<String> device, Kind kind, int remaining) {

  /** What goes wrong, and the radio failure it becomes. */
  public enum Kind {
    TIMEOUT(Reason.TIMEOUT, "the device did not answer in time"),
    DISCONNECT(Reason.CONNECTION_FAILED, "the link dropped during the operation"),
    NO_SLOTS(Reason.CONNECTION_FAILED, "no free connection slot on the adapter"),
    BONDING_FAILED(Reason.BONDING_FAILED, "pairing was rejected"),
    DISCOVERY_FAILED(Reason.DISCOVERY_FAILED, "service discovery failed"),
    UNKNOWN_TARGET(Reason.UNKNOWN_TARGET, "the device has no such characteristic or cluster"),
    REFUSED(Reason.NOT_PERMITTED, "the device refused the operation");

    private final Reason reason;
    private final String description;

    Kind(Reason reason, String description) {
      this.reason = reason;
      this.description = description;
    }

    /** The name used in configuration and the control API, e.g. {@code no-slots}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Kind parse(String label) {
      for (Kind kind : values()) {
        if (kind.label().equals(label)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "unknown fault '" + label + "' (" + java.util.Arrays.toString(labels()) + ")");
    }

    private static String[] labels() {
      return java.util.Arrays.stream(values()).map(Kind::label).toArray(String[]::new);
    }

    RadioException failure(String operation, String device) {
      return new RadioException(
          reason, "simulated fault on " + operation + " of " + device + ": " + description);
    }
  }

  boolean matches(String radio, String operation, String address) {
    return this.radio.equals(radio)
        && (this.operation.equals("*") || this.operation.equals(operation))
        && device.map(d -> d.equalsIgnoreCase(address)).orElse(true);
  }
}
