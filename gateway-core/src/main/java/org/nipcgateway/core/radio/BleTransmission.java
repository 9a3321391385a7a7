package org.nipcgateway.core.radio;

/**
 * An advertisement the gateway sends on behalf of an application (NIPC Transmit extension), for a
 * device that listens for it.
 *
 * @param advertisingData the advertising payload, AD structures as on the air (at most 31 bytes)
 * @param connectable whether the advertisement invites connections
 */
public record BleTransmission(
    byte[] advertisingData, boolean connectable, TransmitSchedule schedule) {
  public BleTransmission {
    advertisingData = advertisingData.clone();
  }

  @Override
  public byte[] advertisingData() {
    return advertisingData.clone();
  }
}
