package org.nipcgateway.simulators;

import org.nipcgateway.core.radio.contract.BleRadioContract;
import org.nipcgateway.core.radio.contract.BleRadioFixture;

/** The simulated BLE adapter keeps the BLE radio contract. */
class SimulatedBleRadioContractTest extends BleRadioContract {
  @Override
  protected BleRadioFixture fixture() {
    return new SimulatedBleFixture(radio -> radio);
  }
}
