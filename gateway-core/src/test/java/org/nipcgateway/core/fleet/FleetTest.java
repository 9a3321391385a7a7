package org.nipcgateway.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.ConfigException;

class FleetTest {
  @TempDir Path dir;

  private static final String JSON =
      "{\"radios\":{\"ble\":{\"driver\":\"simulated\",\"devices\":[{\"mac\":\"02:00:00:00:00:01\"}]}},"
          + "\"models\":[{\"defaultNamespace\":\"x\"}],\"devices\":[{\"displayName\":\"one\"}]}";

  private static final String YAML =
      """
      radios:
        ble:
          driver: simulated
          devices:
            - mac: "02:00:00:00:00:01"
      models:
        - defaultNamespace: x
      devices:
        - displayName: one
      """;

  @Test
  void a_yaml_fleet_reads_the_same_as_its_json_twin() throws Exception {
    Path json = Files.writeString(dir.resolve("fleet.json"), JSON);
    Path yaml = Files.writeString(dir.resolve("fleet.yaml"), YAML);

    assertThat(Fleet.read(yaml)).isEqualTo(Fleet.read(json));
    assertThat(Fleet.read(yaml).devices()).hasSize(1);
  }

  @Test
  void a_malformed_fleet_is_a_config_error_naming_the_file() throws Exception {
    Path yaml = Files.writeString(dir.resolve("broken.yml"), "radios: [unclosed");
    Path json = Files.writeString(dir.resolve("broken.json"), "{\"models\": 5}");

    assertThatThrownBy(() -> Fleet.read(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broken.yml");
    assertThatThrownBy(() -> Fleet.read(json))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broken.json");
  }

  @Test
  void the_demo_fleet_is_on_the_class_path_only_with_the_simulators() {
    // gateway-core alone ships no demo fleet; the simulators module does.
    assertThat(Fleet.demo()).isEmpty();
  }
}
