package org.nipcgateway.simulators;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.contract.BlePeripheral;
import org.nipcgateway.core.radio.contract.BleRadioFixture;
import org.nipcgateway.simulators.ble.SimulatedBleRadio;

/** The contract's peripherals as simulated ones; {@code wrap} may decorate the radio. */
final class SimulatedBleFixture implements BleRadioFixture {
  private final UnaryOperator<BleRadio> wrap;
  private SimulatedBleRadio radio;

  SimulatedBleFixture(UnaryOperator<BleRadio> wrap) {
    this.wrap = wrap;
  }

  @Override
  public Future<BleRadio> start(Vertx vertx, List<BlePeripheral> peripherals, int slots) {
    radio = new SimulatedBleRadio(vertx, slots, 100);
    for (BlePeripheral p : peripherals) {
      radio.addPeripheral(p.address(), p.pairing(), p.passkey(), p.rssi(), p.advertising());
      for (BlePeripheral.Characteristic c : p.characteristics()) {
        radio.define(p.address(), c.id(), c.value(), c.properties(), List.of(), 0, false);
      }
    }
    return Future.succeededFuture(wrap.apply(radio));
  }

  @Override
  public void change(BleAddress peripheral, GattCharacteristic characteristic, byte[] value) {
    radio.change(peripheral, characteristic, value);
  }

  @Override
  public byte[] value(BleAddress peripheral, GattCharacteristic characteristic) {
    return radio.value(peripheral, characteristic);
  }

  @Override
  public List<byte[]> transmitted() {
    return radio.transmissions().stream().map(Transmissions.Transmitted::payload).toList();
  }

  @Override
  public void close() {
    radio.stop();
  }
}
