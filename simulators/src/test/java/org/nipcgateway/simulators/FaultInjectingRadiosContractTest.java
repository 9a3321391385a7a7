package org.nipcgateway.simulators;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.nipcgateway.core.radio.contract.BleRadioContract;
import org.nipcgateway.core.radio.contract.BleRadioFixture;
import org.nipcgateway.core.radio.contract.ZigbeeRadioContract;
import org.nipcgateway.core.radio.contract.ZigbeeRadioFixture;
import org.nipcgateway.core.radio.fault.FaultInjectingBleRadio;
import org.nipcgateway.core.radio.fault.FaultInjectingZigbeeRadio;
import org.nipcgateway.core.radio.fault.FaultInjection;

/**
 * The fault-injecting decorators keep both contracts when no fault is planned: wrapping a driver
 * changes nothing until a test asks for a fault.
 */
class FaultInjectingRadiosContractTest {
  private static final Vertx FAULTS_VERTX = Vertx.vertx();

  @AfterAll
  static void close() {
    FAULTS_VERTX.close();
  }

  @Nested
  class Ble extends BleRadioContract {
    @Override
    protected BleRadioFixture fixture() {
      return new SimulatedBleFixture(
          radio -> new FaultInjectingBleRadio(radio, new FaultInjection(FAULTS_VERTX, "ble")));
    }
  }

  @Nested
  class Zigbee extends ZigbeeRadioContract {
    @Override
    protected ZigbeeRadioFixture fixture() {
      return new SimulatedZigbeeFixture(
          radio ->
              new FaultInjectingZigbeeRadio(radio, new FaultInjection(FAULTS_VERTX, "zigbee")));
    }
  }
}
