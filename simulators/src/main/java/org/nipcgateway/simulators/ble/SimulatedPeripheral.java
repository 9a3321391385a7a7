package org.nipcgateway.simulators.ble;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleLink;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * A simulated BLE peripheral: its GATT table, the pairing it insists on (and its passkey, when it
 * has one), what it advertises, and its link state (connected, which characteristics notify and how
 * often they notify). Guarded by the radio.
 */
final class SimulatedPeripheral {
  final BleAddress address;
  final BleBonding pairing;
  final OptionalInt passkey;
  final int rssi;
  final byte[] advertisingData;
  final Map<GattCharacteristic, SimulatedCharacteristic> gatt = new LinkedHashMap<>();

  /** Characteristics with notifications on, and the interval they notify at (0: on change only). */
  final Map<GattCharacteristic, Long> notifying = new HashMap<>();

  boolean connected;

  /** The link open now (the last one opened while not connected). */
  BleLink link;

  SimulatedPeripheral(
      BleAddress address, BleBonding pairing, OptionalInt passkey, int rssi, byte[] advertising) {
    this.address = address;
    this.pairing = pairing;
    this.passkey = passkey;
    this.rssi = rssi;
    this.advertisingData = advertising.clone();
  }

  Optional<SimulatedCharacteristic> characteristic(GattCharacteristic id) {
    return Optional.ofNullable(gatt.get(id));
  }
}
