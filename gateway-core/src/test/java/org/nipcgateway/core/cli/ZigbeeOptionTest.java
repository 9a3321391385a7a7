package org.nipcgateway.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.fleet.Fleet;

/** {@code --zigbee-driver} and friends put the fleet's Zigbee radio on another driver. */
class ZigbeeOptionTest {
  private static final JsonObject NODE = new JsonObject().put("eui64", "00:0D:6F:00:0A:0B:0C:01");
  private static final JsonObject LIGHT =
      new JsonObject()
          .put(
              "schemas",
              new JsonArray().add("urn:ietf:params:scim:schemas:extension:zigbee:2.0:Device"));
  private static final JsonObject THERMOMETER =
      new JsonObject().put("schemas", new JsonArray().add("urn:example:ble"));
  private static final Fleet DEMO =
      new Fleet(
          new JsonObject()
              .put("ble", new JsonObject().put("driver", "simulated"))
              .put(
                  "zigbee",
                  new JsonObject()
                      .put("driver", "simulated")
                      .put("devices", new JsonArray().add(NODE))),
          List.of(),
          List.of(LIGHT, THERMOMETER));

  private static Fleet apply(String... args) {
    return LaunchOptions.parse(List.of(args)).zigbeeOn(Optional.of(DEMO)).orElseThrow();
  }

  @Test
  void a_simulated_dongle_keeps_the_fleets_nodes_and_devices() {
    Fleet fleet = apply("--zigbee-driver", "zsmartsystems", "--zigbee-dongle", "simulated");
    JsonObject zigbee = fleet.radios().getJsonObject("zigbee");
    assertThat(zigbee.getString("driver")).isEqualTo("zsmartsystems");
    assertThat(zigbee.getString("dongle")).isEqualTo("simulated");
    assertThat(zigbee.getJsonArray("devices")).containsExactly(NODE);
    assertThat(fleet.devices()).containsExactly(LIGHT, THERMOMETER);
    assertThat(fleet.radios().getJsonObject("ble").getString("driver")).isEqualTo("simulated");
  }

  @Test
  void a_serial_port_means_real_hardware_so_the_simulated_nodes_and_their_devices_go() {
    Fleet fleet =
        apply(
            "--zigbee-driver",
            "zsmartsystems",
            "--zigbee-dongle",
            "ember",
            "--zigbee-port",
            "/dev/ttyUSB0",
            "--zigbee-baud",
            "115200");
    JsonObject zigbee = fleet.radios().getJsonObject("zigbee");
    assertThat(zigbee.getString("port")).isEqualTo("/dev/ttyUSB0");
    assertThat(zigbee.getInteger("baud")).isEqualTo(115200);
    assertThat(zigbee.containsKey("devices")).isFalse();
    assertThat(fleet.devices()).containsExactly(THERMOMETER);
  }

  @Test
  void dongle_options_without_a_driver_are_refused() {
    assertThatThrownBy(() -> LaunchOptions.parse(List.of("--zigbee-port", "/dev/ttyUSB0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--zigbee-driver");
    assertThatThrownBy(
            () -> LaunchOptions.parse(List.of("--zigbee-driver", "x", "--zigbee-baud", "fast")))
        .isInstanceOf(ConfigException.class);
  }
}
