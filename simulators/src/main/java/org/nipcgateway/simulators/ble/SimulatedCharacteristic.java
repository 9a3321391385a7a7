package org.nipcgateway.simulators.ble;

/** One characteristic of a simulated peripheral: its current value and what it allows. */
final class SimulatedCharacteristic {
  private final boolean readable;
  private final boolean writable;
  private volatile byte[] value;

  SimulatedCharacteristic(byte[] value, boolean readable, boolean writable) {
    this.value = value.clone();
    this.readable = readable;
    this.writable = writable;
  }

  boolean readable() {
    return readable;
  }

  boolean writable() {
    return writable;
  }

  byte[] value() {
    return value.clone();
  }

  void value(byte[] newValue) {
    value = newValue.clone();
  }
}
