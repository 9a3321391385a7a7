package org.nipcgateway.core.radio;

/**
 * A broadcast the coordinator sends on behalf of an application (NIPC Transmit extension).
 *
 * @param payload the APS payload to broadcast, as given by the application
 */
public record ZigbeeTransmission(byte[] payload, TransmitSchedule schedule) {
  public ZigbeeTransmission {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
