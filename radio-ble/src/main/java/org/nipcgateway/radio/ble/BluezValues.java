package org.nipcgateway.radio.ble;

import java.util.List;
import org.freedesktop.dbus.types.Variant;

/**
 * Property values as dbus-java hands them over: a byte array inside a variant ({@code Value}, the
 * data of {@code ManufacturerData}) arrives as a {@code byte[]} or as a list of bytes, depending on
 * how deeply it is nested.
 */
final class BluezValues {
  private BluezValues() {}

  static byte[] bytes(Object value) {
    Object plain = value instanceof Variant<?> variant ? variant.getValue() : value;
    if (plain instanceof byte[] data) {
      return data.clone();
    }
    if (plain instanceof List<?> list) {
      byte[] data = new byte[list.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = ((Number) list.get(i)).byteValue();
      }
      return data;
    }
    return new byte[0];
  }
}
