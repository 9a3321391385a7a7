package org.nipcgateway.simulators.ble;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nipcgateway.core.radio.BleWriteType;

/**
 * One characteristic of a simulated peripheral: its current value, its GATT properties ({@code
 * read}, {@code write}, {@code notify}, {@code indicate}, {@code write-no-response}), its
 * descriptors and, for a sensor, how often it notifies while notifications are on.
 */
final class SimulatedCharacteristic {
  static final String CCCD = "2902";

  private final Set<String> flags;
  private final List<String> descriptors;
  private final long notifyIntervalMillis;
  private final boolean counting;
  private long count;
  private volatile byte[] value;

  /**
   * A characteristic; {@code counting} makes each periodic notification carry the next value of a
   * counter (uint32, little-endian) instead of the current value, so a receiver can tell a lost or
   * repeated event from a delivered one.
   */
  SimulatedCharacteristic(
      byte[] value,
      Set<String> flags,
      List<String> descriptors,
      long notifyIntervalMillis,
      boolean counting) {
    this.counting = counting;
    this.value = value.clone();
    this.flags = Set.copyOf(flags);
    List<String> all = new ArrayList<>(descriptors);
    if (notifies() && !all.contains(CCCD)) {
      all.add(CCCD);
    }
    this.descriptors = List.copyOf(all);
    this.notifyIntervalMillis = notifyIntervalMillis;
  }

  boolean readable() {
    return flags.contains("read");
  }

  /**
   * Whether it takes write requests ({@code write}) or write commands ({@code write-no-response}).
   */
  boolean writable(BleWriteType type) {
    return flags.contains(type == BleWriteType.REQUEST ? "write" : "write-no-response");
  }

  boolean notifies() {
    return flags.contains("notify") || flags.contains("indicate");
  }

  /** Whether values go out as indications: the characteristic indicates and does not notify. */
  boolean indicates() {
    return flags.contains("indicate") && !flags.contains("notify");
  }

  List<String> flags() {
    return flags.stream().sorted().toList();
  }

  List<String> descriptors() {
    return descriptors;
  }

  long notifyIntervalMillis() {
    return notifyIntervalMillis;
  }

  /** What a periodic notification sends: the current value, or the next count. */
  synchronized byte[] nextNotification() {
    if (counting) {
      count++;
      value =
          new byte[] {
            (byte) count, (byte) (count >> 8), (byte) (count >> 16), (byte) (count >> 24)
          };
    }
    return value.clone();
  }

  byte[] value() {
    return value.clone();
  }

  void value(byte[] newValue) {
    value = newValue.clone();
  }
}
