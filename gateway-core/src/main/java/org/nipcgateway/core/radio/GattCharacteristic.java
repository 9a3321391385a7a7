package org.nipcgateway.core.radio;

import java.util.Locale;

/**
 * A GATT characteristic as protocol maps name it: a service and a characteristic, each a 16-bit
 * short form ({@code 1809}) or a full 128-bit UUID. Kept in upper case so that equal ids compare
 * equal however a model spelled them.
 */
public record GattCharacteristic(String serviceId, String characteristicId) {
  public GattCharacteristic {
    serviceId = serviceId.toUpperCase(Locale.ROOT);
    characteristicId = characteristicId.toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return serviceId + "/" + characteristicId;
  }
}
