package org.nipcgateway.core.radio;

import java.util.Objects;
import java.util.Optional;

/**
 * What a device answered a request with: its value, or the error status it refused with. A refusal
 * is the device speaking, not a failure of the gateway or the link (those are {@link
 * RadioException}s), so it travels as a value and the engine decides what it means.
 *
 * @param <T> the value of a successful answer ({@code Void} when there is none)
 */
public final class DeviceAnswer<T> {
  private final T value;
  private final DeviceStatus refusal;

  private DeviceAnswer(T value, DeviceStatus refusal) {
    this.value = value;
    this.refusal = refusal;
  }

  public static <T> DeviceAnswer<T> of(T value) {
    return new DeviceAnswer<>(value, null);
  }

  /** A successful answer without a value (a write, a command without a response). */
  public static <T> DeviceAnswer<T> done() {
    return new DeviceAnswer<>(null, null);
  }

  public static <T> DeviceAnswer<T> refused(DeviceStatus status) {
    return new DeviceAnswer<>(null, Objects.requireNonNull(status));
  }

  public boolean succeeded() {
    return refusal == null;
  }

  /** The value of a successful answer; {@code null} for one without a value. */
  public T value() {
    if (refusal != null) {
      throw new IllegalStateException("the device refused: " + refusal);
    }
    return value;
  }

  public Optional<DeviceStatus> refusal() {
    return Optional.ofNullable(refusal);
  }

  @Override
  public String toString() {
    return refusal == null ? "DeviceAnswer[ok]" : "DeviceAnswer[" + refusal + "]";
  }
}
