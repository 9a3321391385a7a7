package org.nipcgateway.simulators;

import org.nipcgateway.core.radio.contract.ZigbeeRadioContract;
import org.nipcgateway.core.radio.contract.ZigbeeRadioFixture;

/** The zsmartsystems driver on the simulated coordinator keeps the Zigbee radio contract. */
class ZsmartsystemsZigbeeRadioContractTest extends ZigbeeRadioContract {
  @Override
  protected ZigbeeRadioFixture fixture() {
    return new CoordinatorZigbeeFixture();
  }
}
