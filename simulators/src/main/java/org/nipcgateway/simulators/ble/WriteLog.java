package org.nipcgateway.simulators.ble;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * Every value written to each characteristic, in order, so tests can check that a payload written
 * in chunks arrived whole. Each characteristic keeps its last {@value #KEPT_BYTES} bytes of writes.
 */
final class WriteLog {
  private static final int KEPT_BYTES = 8 * 1024 * 1024;

  private record Key(BleAddress device, GattCharacteristic characteristic) {}

  private static final class Writes {
    final Deque<byte[]> values = new ArrayDeque<>();
    long bytes;
  }

  private final Map<Key, Writes> writes = new HashMap<>();

  synchronized void add(BleAddress device, GattCharacteristic characteristic, byte[] value) {
    Writes kept = writes.computeIfAbsent(new Key(device, characteristic), k -> new Writes());
    kept.values.addLast(value.clone());
    kept.bytes += value.length;
    while (kept.bytes > KEPT_BYTES && kept.values.size() > 1) {
      kept.bytes -= kept.values.removeFirst().length;
    }
  }

  synchronized List<byte[]> of(BleAddress device, GattCharacteristic characteristic) {
    Writes kept = writes.get(new Key(device, characteristic));
    return kept == null ? List.of() : kept.values.stream().map(byte[]::clone).toList();
  }
}
