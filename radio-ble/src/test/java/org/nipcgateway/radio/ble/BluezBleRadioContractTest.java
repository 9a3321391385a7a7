package org.nipcgateway.radio.ble;

import org.nipcgateway.core.radio.contract.BleRadioContract;
import org.nipcgateway.core.radio.contract.BleRadioFixture;

/** The bluez driver keeps the BLE radio contract, against the BlueZ look-alike on a private bus. */
class BluezBleRadioContractTest extends BleRadioContract {
  @Override
  protected BleRadioFixture fixture() {
    return new BluezBleFixture();
  }
}
