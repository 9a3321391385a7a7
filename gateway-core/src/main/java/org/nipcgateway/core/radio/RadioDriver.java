package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import java.util.Optional;

/** A started radio driver: the radios it offers, one per protocol family it supports. */
public interface RadioDriver {

  /** The BLE radio, when this driver has one. */
  Optional<BleRadio> ble();

  /** Releases the hardware (or simulation); called once at shutdown. */
  Future<Void> stop();
}
