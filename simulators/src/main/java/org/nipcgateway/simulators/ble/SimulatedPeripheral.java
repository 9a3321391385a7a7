package org.nipcgateway.simulators.ble;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * A simulated BLE peripheral: its GATT table, the pairing it insists on, what it advertises, and
 * its link state (connected, which characteristics notify and their timers). Guarded by the radio.
 */
final class SimulatedPeripheral {
  final String mac;
  final BleBonding pairing;
  final int rssi;
  final byte[] advertisingData;
  final Map<GattCharacteristic, SimulatedCharacteristic> gatt = new LinkedHashMap<>();

  /** Characteristics with notifications on, and the id of their periodic timer (or -1). */
  final Map<GattCharacteristic, Long> notifying = new HashMap<>();

  boolean connected;

  SimulatedPeripheral(String mac, BleBonding pairing, int rssi, byte[] advertisingData) {
    this.mac = mac;
    this.pairing = pairing;
    this.rssi = rssi;
    this.advertisingData = advertisingData.clone();
  }

  Optional<SimulatedCharacteristic> characteristic(GattCharacteristic id) {
    return Optional.ofNullable(gatt.get(id));
  }
}
