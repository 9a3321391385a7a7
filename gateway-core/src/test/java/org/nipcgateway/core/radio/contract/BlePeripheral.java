package org.nipcgateway.core.radio.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * A peripheral a fixture sets up in its driver's world ("given a BLE peripheral with …"): its
 * address, the pairing it insists on, what it advertises and its GATT characteristics.
 */
public final class BlePeripheral {
  /** One characteristic: its id, value and GATT properties ({@code read}, {@code notify} …). */
  public record Characteristic(GattCharacteristic id, byte[] value, Set<String> properties) {}

  private final BleAddress address;
  private BleBonding pairing = BleBonding.NONE;
  private OptionalInt passkey = OptionalInt.empty();
  private int rssi = -60;
  private byte[] advertising = new byte[0];
  private final List<Characteristic> characteristics = new ArrayList<>();

  private BlePeripheral(BleAddress address) {
    this.address = address;
  }

  public static BlePeripheral at(String address) {
    return new BlePeripheral(BleAddress.parse(address));
  }

  public BlePeripheral pairing(BleBonding method) {
    this.pairing = method;
    return this;
  }

  public BlePeripheral passkey(int key) {
    this.pairing = BleBonding.PASSKEY;
    this.passkey = OptionalInt.of(key);
    return this;
  }

  public BlePeripheral advertising(int signal, byte[] payload) {
    this.rssi = signal;
    this.advertising = payload.clone();
    return this;
  }

  public BlePeripheral characteristic(
      String service, String characteristic, byte[] value, String... properties) {
    characteristics.add(
        new Characteristic(
            new GattCharacteristic(service, characteristic), value.clone(), Set.of(properties)));
    return this;
  }

  public BleAddress address() {
    return address;
  }

  public BleBonding pairing() {
    return pairing;
  }

  public OptionalInt passkey() {
    return passkey;
  }

  public int rssi() {
    return rssi;
  }

  public byte[] advertising() {
    return advertising.clone();
  }

  public List<Characteristic> characteristics() {
    return List.copyOf(characteristics);
  }
}
