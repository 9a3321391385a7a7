package org.nipcgateway.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.ConfigException;

class BleDriverOptionTest {
  private static final JsonObject DEMO =
      new JsonObject()
          .put("ble", new JsonObject().put("driver", "simulated").put("devices", new JsonArray()))
          .put("zigbee", new JsonObject().put("driver", "simulated"));

  @Test
  void the_options_are_parsed() {
    LaunchOptions options =
        LaunchOptions.parse(List.of("--ble-driver", "bluez", "--ble-adapter", "hci1"));
    assertThat(options.bleDriver()).contains("bluez");
    assertThat(options.bleAdapter()).contains("hci1");
  }

  @Test
  void a_ble_driver_replaces_the_simulated_ble_section_and_leaves_zigbee_alone() {
    JsonObject radios = BleDriverOption.apply(DEMO, Optional.of("bluez"), Optional.of("hci1"));
    assertThat(radios.getJsonObject("ble"))
        .isEqualTo(new JsonObject().put("driver", "bluez").put("adapter", "hci1"));
    assertThat(radios.getJsonObject("zigbee")).isEqualTo(DEMO.getJsonObject("zigbee"));
  }

  @Test
  void a_section_already_on_that_driver_keeps_its_settings() {
    JsonObject configured =
        new JsonObject()
            .put("ble", new JsonObject().put("driver", "bluez").put("operationTimeoutMs", 900));
    JsonObject radios = BleDriverOption.apply(configured, Optional.empty(), Optional.of("hci2"));
    assertThat(radios.getJsonObject("ble").getInteger("operationTimeoutMs")).isEqualTo(900);
    assertThat(radios.getJsonObject("ble").getString("adapter")).isEqualTo("hci2");
  }

  @Test
  void an_adapter_for_the_simulator_is_refused() {
    assertThatThrownBy(() -> BleDriverOption.apply(DEMO, Optional.empty(), Optional.of("hci0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--ble-driver");
  }

  @Test
  void without_the_options_the_radios_are_unchanged() {
    assertThat(BleDriverOption.apply(DEMO, Optional.empty(), Optional.empty())).isSameAs(DEMO);
  }
}
