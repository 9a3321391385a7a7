package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import java.util.Optional;

/** A started radio driver: the radio it offers for the protocol family it was started for. */
public interface RadioDriver {

  /** The BLE radio, when this driver was started for BLE. */
  default Optional<BleRadio> ble() {
    return Optional.empty();
  }

  /** The Zigbee radio, when this driver was started for Zigbee. */
  default Optional<ZigbeeRadio> zigbee() {
    return Optional.empty();
  }

  /** Releases the hardware (or simulation); called once at shutdown. */
  Future<Void> stop();
}
