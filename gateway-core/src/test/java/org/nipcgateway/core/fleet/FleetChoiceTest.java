package org.nipcgateway.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.GatewayConfig;

class FleetChoiceTest {
  private static final String EXTENSION = "urn:ietf:params:scim:schemas:extension:";

  @TempDir Path dir;

  /** Like the demo fleet: a simulated BLE and Zigbee radio, one device on each, one model. */
  private static final Fleet DEMO =
      new Fleet(
          new JsonObject()
              .put("ble", radio("simulated").put("devices", new JsonArray().add("thermometer")))
              .put("zigbee", radio("simulated").put("devices", new JsonArray().add("light"))),
          List.of(new JsonObject().put("defaultNamespace", "demo")),
          List.of(device("thermometer", "ble"), device("light", "zigbee")));

  private static JsonObject radio(String driver) {
    return new JsonObject().put("driver", driver);
  }

  private static JsonObject device(String name, String family) {
    return new JsonObject()
        .put("displayName", name)
        .put(
            "schemas",
            new JsonArray()
                .add("urn:ietf:params:scim:schemas:core:2.0:Device")
                .add(EXTENSION + family + ":2.0:Device"));
  }

  private static Optional<Fleet> choose(GatewayConfig.Builder config) {
    return FleetChoice.choose(config.build(), () -> Optional.of(DEMO));
  }

  private static List<String> names(Fleet fleet) {
    return fleet.devices().stream().map(d -> d.getString("displayName")).toList();
  }

  @Test
  void without_configured_radios_the_whole_demo_loads_on_its_simulated_radios() {
    assertThat(choose(GatewayConfig.builder())).contains(DEMO);
  }

  @Test
  void no_demo_means_no_fleet() {
    assertThat(choose(GatewayConfig.builder().demo(false))).isEmpty();
  }

  @Test
  void a_non_simulated_radio_gets_no_demo_and_nothing_simulated_beside_it() {
    JsonObject radios = new JsonObject().put("ble", radio("bluez"));

    assertThat(choose(GatewayConfig.builder().moduleSettings("radios", radios))).isEmpty();
  }

  @Test
  void a_configured_simulated_radio_stays_as_configured_and_the_demo_adds_the_other_family() {
    JsonObject ble = radio("simulated").put("slots", 2);
    Fleet fleet =
        choose(GatewayConfig.builder().moduleSettings("radios", new JsonObject().put("ble", ble)))
            .orElseThrow();

    assertThat(fleet.radios().getJsonObject("ble")).isEqualTo(ble);
    assertThat(fleet.radios().getJsonObject("zigbee"))
        .isEqualTo(DEMO.radios().getJsonObject("zigbee"));
    assertThat(names(fleet)).containsExactly("light");
    assertThat(fleet.models()).isEqualTo(DEMO.models());
  }

  @Test
  void when_every_family_is_configured_the_demo_has_nothing_to_add() {
    JsonObject radios =
        new JsonObject().put("ble", radio("simulated")).put("zigbee", radio("simulated"));

    assertThat(choose(GatewayConfig.builder().moduleSettings("radios", radios))).isEmpty();
  }

  @Test
  void a_fleet_file_brings_its_own_radios_and_cannot_be_combined_with_configured_ones()
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("fleet.json"), "{\"radios\":{\"ble\":{\"driver\":\"simulated\"}}}");

    assertThat(choose(GatewayConfig.builder().fleetFile(file)).orElseThrow().radios())
        .isEqualTo(new JsonObject().put("ble", radio("simulated")));
    assertThatThrownBy(
            () ->
                choose(
                    GatewayConfig.builder()
                        .fleetFile(file)
                        .moduleSettings("radios", new JsonObject().put("ble", radio("simulated")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not both");
  }
}
