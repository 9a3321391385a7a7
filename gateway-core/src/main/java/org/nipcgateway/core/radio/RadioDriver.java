package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import java.util.Map;
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

  /**
   * What health reports show of the radio besides its state (e.g. connection slots in use and
   * connects waiting for one), as JSON-ready values; nothing by default. Called on an event loop:
   * must return at once.
   */
  default Map<String, Object> details() {
    return Map.of();
  }

  /** Releases the hardware (or simulation); called once at shutdown. */
  Future<Void> stop();
}
