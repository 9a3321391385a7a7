package org.nipcgateway.core.radio.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;

/**
 * One injected fault: which radio operation it hits (optionally only for one device), what goes
 * wrong, and how many more times (a negative count means until it is cleared).
 *
 * @param after how many matching operations still pass untouched before it strikes: with the number
 *     of pieces of a write less one, it hits the last piece only
 * @param status the ATT error or ZCL status a {@link Kind#REFUSED} fault answers with; without it
 *     the decorator's usual refusal for the operation
 */
public record Fault(
    String id,
    String radio,
    String operation,
    Optional<String> device,
    Kind kind,
    int remaining,
    int after,
    OptionalInt status) {

  public Fault {
    if (after < 0) {
      throw new IllegalArgumentException("'after' must be 0 or more, got " + after);
    }
    if (status.isPresent() && kind != Kind.REFUSED) {
      throw new IllegalArgumentException("only a 'refused' fault answers with a 'status'");
    }
    if (status.isPresent() && (status.getAsInt() < 1 || status.getAsInt() > 0xFF)) {
      throw new IllegalArgumentException(
          "'status' must be an error code from 1 to 255, got " + status.getAsInt());
    }
  }

  /** The same fault with {@code remaining} and {@code after} as given. */
  Fault with(int remaining, int after) {
    return new Fault(id, radio, operation, device, kind, remaining, after, status);
  }

  /** What goes wrong. */
  public enum Kind {
    /** The device does not answer in time. */
    TIMEOUT(Reason.TIMEOUT, "the device did not answer in time"),
    /** The link drops during the operation (the radio really disconnects). */
    DISCONNECT(Reason.CONNECTION_FAILED, "the link dropped during the operation"),
    /** The adapter has no free connection slot. */
    NO_SLOTS(Reason.CONNECTION_FAILED, "no free connection slot on the adapter"),
    BONDING_FAILED(Reason.BONDING_FAILED, "pairing was rejected"),
    DISCOVERY_FAILED(Reason.DISCOVERY_FAILED, "service discovery failed"),
    UNKNOWN_TARGET(Reason.UNKNOWN_TARGET, "the device has no such characteristic or cluster"),
    /** The device answers with an error status (ATT or ZCL), a value rather than a failure. */
    REFUSED(Reason.CONNECTION_FAILED, "the device refused the operation"),
    /** The whole radio is down (adapter removed, coordinator lost) until the fault is cleared. */
    RADIO_DOWN(Reason.RADIO_DOWN, "the radio is down");

    private final Reason reason;
    private final String description;

    Kind(Reason reason, String description) {
      this.reason = reason;
      this.description = description;
    }

    /** The name used in configuration and the control API, e.g. {@code no-slots}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind parse(String label) {
      for (Kind kind : values()) {
        if (kind.label().equals(label)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "unknown fault '" + label + "' (" + Arrays.toString(labels()) + ")");
    }

    private static String[] labels() {
      return Arrays.stream(values()).map(Kind::label).toArray(String[]::new);
    }

    RadioException failure(String operation, String device) {
      return new RadioException(
          reason, "injected fault on " + operation + " of " + device + ": " + description);
    }
  }

  boolean matches(String radio, String operation, String address) {
    return this.radio.equals(radio)
        && kind != Kind.RADIO_DOWN
        && (this.operation.equals("*") || this.operation.equals(operation))
        && device.map(d -> d.equalsIgnoreCase(address)).orElse(true);
  }
}
