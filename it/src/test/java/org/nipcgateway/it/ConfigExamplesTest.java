package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.ConfigLoader;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.http.ApiModules;
import org.nipcgateway.it.support.RunningGateway;

/**
 * The config examples of the READMEs pass the strict config checks, so that they stay true as the
 * checks and the settings change.
 */
class ConfigExamplesTest {
  @TempDir Path dir;

  /** The {@code ```json} blocks of a Markdown file, from the given heading on. */
  private static List<String> jsonBlocks(String file, String from) throws Exception {
    String text = Files.readString(Path.of("..", file));
    text = text.substring(text.indexOf(from));
    List<String> blocks = new ArrayList<>();
    for (int at = text.indexOf("```json"); at >= 0; at = text.indexOf("```json", at + 1)) {
      int start = at + "```json".length();
      blocks.add(text.substring(start, text.indexOf("```", start)));
    }
    return blocks;
  }

  @Test
  void the_readme_config_file_example_has_only_known_keys() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gateway.json"), jsonBlocks("README.md", "## Configuration").get(0));

    GatewayConfig config = new ConfigLoader(Map.of()).load(file).build();

    ApiModules.installed().checkClaims(config);
    assertThat(config.moduleSettings("scim").getInteger("maxResults")).isEqualTo(500);
  }

  @Test
  void the_radio_examples_start_on_the_simulated_driver() throws Exception {
    List<String> fragments = new ArrayList<>();
    fragments.add(jsonBlocks("README.md", "## Configuration").get(1));
    fragments.addAll(jsonBlocks("simulators/README.md", "# simulators"));
    assertThat(fragments).hasSizeGreaterThanOrEqualTo(3);
    for (String fragment : fragments) {
      JsonObject radios = new JsonObject("{" + fragment + "}").getJsonObject("radios");
      try (RunningGateway gateway =
          RunningGateway.start(GatewayConfig.builder().moduleSettings("radios", radios))) {
        assertThat(gateway.scim().get("/health").status()).isEqualTo(200);
      }
    }
  }
}
