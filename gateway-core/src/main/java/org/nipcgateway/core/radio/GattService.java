package org.nipcgateway.core.radio;

import java.util.List;

/** A GATT service found by discovery, with its characteristics. */
public record GattService(String serviceId, List<Characteristic> characteristics) {
  public GattService {
    characteristics = List.copyOf(characteristics);
  }

  /**
   * A characteristic: its id, its properties ({@code read}, {@code write}, {@code notify}, {@code
   * indicate}, {@code write-no-response}) and the ids of its descriptors.
   */
  public record Characteristic(
      String characteristicId, List<String> flags, List<String> descriptors) {
    public Characteristic {
      flags = List.copyOf(flags);
      descriptors = List.copyOf(descriptors);
    }
  }
}
