package org.nipcgateway.simulators;

import org.nipcgateway.core.radio.contract.ZigbeeRadioContract;
import org.nipcgateway.core.radio.contract.ZigbeeRadioFixture;

/** The simulated Zigbee network keeps the Zigbee radio contract. */
class SimulatedZigbeeRadioContractTest extends ZigbeeRadioContract {
  @Override
  protected ZigbeeRadioFixture fixture() {
    return new SimulatedZigbeeFixture(radio -> radio);
  }
}
