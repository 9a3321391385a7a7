package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.RunningGateway;

/** How the gateway picks radio drivers from its configuration; about no radio row in particular. */
class RadioDriverSelectionTest {

  @Test
  void a_radio_driver_that_is_not_installed_stops_the_start() {
    JsonObject radios =
        new JsonObject().put("ble", new JsonObject().put("driver", "no-such-driver"));
    assertThatThrownBy(
            () -> RunningGateway.start(GatewayConfig.builder().moduleSettings("radios", radios)))
        .hasStackTraceContaining("no radio driver named 'no-such-driver'");
  }
}
