package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.ScimAssertions.assertScimError;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.fleet.Fleet;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.LogCapture;
import org.nipcgateway.it.support.RunningGateway;

/**
 * Every start seeds its fleet again: what an earlier start registered stays as it is, once, and the
 * log says so. A Zigbee EUI-64, like a BLE MAC, names one device only.
 */
class FleetReseedTest {
  @Test
  void seeding_the_demo_fleet_again_registers_nothing_twice_and_says_what_was_there() {
    Fleet demo = Fleet.demo().orElseThrow();
    try (RunningGateway gateway =
        RunningGateway.start(GatewayConfig.builder().moduleSettings("radios", demo.radios()))) {
      gateway.seed(demo);
      int devices = gateway.scim().list("/Devices", "").path("totalResults").asInt();

      try (LogCapture log = new LogCapture()) {
        gateway.seed(demo);
        assertThat(log.mentioning("Fleet loaded"))
            .singleElement()
            .satisfies(
                line ->
                    assertThat(line.getFormattedMessage())
                        .contains("0 of " + devices + " devices newly registered")
                        .contains("already there")
                        .contains("Demo Zigbee light"));
      }
      assertThat(gateway.scim().list("/Devices", "").path("totalResults").asInt())
          .isEqualTo(devices);
    }
  }

  @Test
  void a_second_zigbee_device_with_a_registered_eui64_is_a_uniqueness_conflict() {
    try (RunningGateway gateway = RunningGateway.start()) {
      String eui64 = "00:0D:6F:00:0A:0B:0C:42";
      gateway.scim().create("/Devices", Devices.zigbee("first", eui64));
      assertScimError(
          gateway
              .scim()
              .post("/scim/v2/Devices", Devices.zigbee("second", eui64.toLowerCase(Locale.ROOT))),
          409,
          "uniqueness");
    }
  }
}
