package org.nipcgateway.core.radio;

/**
 * A GATT characteristic as protocol maps name it: a service and a characteristic, each a 16-bit
 * short form ({@code 1809}) or a full 128-bit UUID. Kept in {@link BleUuids#canonical canonical}
 * form so that equal ids compare equal however a model spelled them.
 */
public record GattCharacteristic(String serviceId, String characteristicId) {
  public GattCharacteristic {
    serviceId = BleUuids.canonical(serviceId);
    characteristicId = BleUuids.canonical(characteristicId);
  }

  // Written out rather than the record's generated ones: notifications compare and hash ids at
  // tens of thousands a second, and the generated methods showed in the fan-out profile.
  @Override
  public boolean equals(Object other) {
    return other instanceof GattCharacteristic that
        && characteristicId.equals(that.characteristicId)
        && serviceId.equals(that.serviceId);
  }

  @Override
  public int hashCode() {
    return 31 * serviceId.hashCode() + characteristicId.hashCode();
  }

  @Override
  public String toString() {
    return serviceId + "/" + characteristicId;
  }
}
