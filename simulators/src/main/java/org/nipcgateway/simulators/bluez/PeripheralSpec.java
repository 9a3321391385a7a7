package org.nipcgateway.simulators.bluez;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * A peripheral the look-alike's adapter can reach: its address, the pairing it insists on, what it
 * advertises and its GATT characteristics (the same fields as the in-process simulator's fleet).
 */
public record PeripheralSpec(
    BleAddress address,
    BleBonding pairing,
    OptionalInt passkey,
    int rssi,
    byte[] advertising,
    List<CharacteristicSpec> characteristics) {

  /**
   * A characteristic: id, initial value, GATT properties, descriptors besides the CCCD, and, while
   * notifications are on, how often the peripheral sends its value by itself ({@code 0}: only on
   * changes), or with {@code counting} a uint32 little-endian counter one higher each time.
   */
  public record CharacteristicSpec(
      GattCharacteristic id,
      byte[] value,
      Set<String> properties,
      List<String> descriptors,
      long notifyIntervalMillis,
      boolean counting) {
    public CharacteristicSpec(
        GattCharacteristic id, byte[] value, Set<String> properties, List<String> descriptors) {
      this(id, value, properties, descriptors, 0, false);
    }

    public CharacteristicSpec {
      value = value.clone();
      properties = Set.copyOf(properties);
      descriptors = List.copyOf(descriptors);
    }

    boolean notifies() {
      return properties.contains("notify") || properties.contains("indicate");
    }
  }

  public PeripheralSpec {
    advertising = advertising.clone();
    characteristics = List.copyOf(characteristics);
  }
}
