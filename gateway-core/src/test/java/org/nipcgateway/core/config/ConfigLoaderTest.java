package org.nipcgateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.cli.LaunchOptions;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void options_override_environment_which_overrides_the_file() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gateway.json"),
            "{\"http\":{\"port\":7000,\"host\":\"10.0.0.1\"},\"dataDir\":\"from-file\",\"logLevel\":\"warn\","
                + "\"scim\":{\"maxResults\":50}}");
    GatewayConfig.Builder loaded =
        new ConfigLoader(Map.of("NIPC_HTTP_PORT", "7100", "NIPC_DATA_DIR", "from-env")).load(file);
    GatewayConfig config =
        LaunchOptions.parse(List.of("--port", "7200", "--no-demo")).applyTo(loaded).build();

    assertThat(config.httpPort()).isEqualTo(7200);
    assertThat(config.httpHost()).isEqualTo("10.0.0.1");
    assertThat(config.dataDir()).isEqualTo(Path.of("from-env"));
    assertThat(config.logLevel()).isEqualTo("WARN");
    assertThat(config.demo()).isFalse();
    assertThat(config.moduleSettings("scim").getInteger("maxResults")).isEqualTo(50);
  }

  @Test
  void defaults_need_no_file_and_no_environment() {
    GatewayConfig config = new ConfigLoader(Map.of()).load(null).build();
    assertThat(config.httpPort()).isEqualTo(8443);
    assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    assertThat(config.demo()).isTrue();
    assertThat(config.tlsEnabled()).isTrue();
  }

  @Test
  void plain_http_must_be_asked_for_and_cannot_be_combined_with_a_certificate() {
    GatewayConfig config =
        new ConfigLoader(Map.of("NIPC_INSECURE_HTTP", "true")).load(null).build();
    assertThat(config.tlsEnabled()).isFalse();
    assertThatThrownBy(
            () ->
                new ConfigLoader(
                        Map.of(
                            "NIPC_INSECURE_HTTP", "true",
                            "NIPC_TLS_CERT_FILE", "c.pem",
                            "NIPC_TLS_KEY_FILE", "k.pem"))
                    .load(null)
                    .build())
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void unusable_settings_are_refused_with_a_message_naming_them() throws Exception {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("NIPC_HTTP_PORT", "eighty")).load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NIPC_HTTP_PORT");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("missing.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read config file");
    Path broken = Files.writeString(dir.resolve("broken.json"), "{ port: ");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(broken))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a JSON object");
    Path typo = Files.writeString(dir.resolve("typo.json"), "{\"http\": {\"prot\": 8443}}");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(typo))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "unknown config key 'http.prot' (known: compression, eventLoops, host, insecure,");
    Path wrong = Files.writeString(dir.resolve("wrong.json"), "{\"http\": {\"port\": \"80\"}}");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(wrong))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config key 'http.port' must be an integer, got \"80\"");
    assertThatThrownBy(() -> GatewayConfig.builder().tlsCertFile(Path.of("cert.pem")).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key file");
    assertThatThrownBy(() -> GatewayConfig.builder().logLevel("loud").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("log level");
  }

  @Test
  void a_top_level_key_that_neither_core_nor_a_module_claims_is_refused_naming_every_known_one()
      throws Exception {
    Path typo = Files.writeString(dir.resolve("typo.json"), "{\"dataDri\": \"x\", \"scim\": {}}");
    GatewayConfig config = new ConfigLoader(Map.of()).load(typo).build();

    assertThatThrownBy(() -> config.rejectUnclaimedKeys(Set.of("scim", "nipc")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown config key 'dataDri' (known: dataDir, http, logLevel, metrics, nipc, radios,"
                + " scim, security)");
  }

  @Test
  void a_claimed_section_must_be_an_object() throws Exception {
    Path file = Files.writeString(dir.resolve("scalar.json"), "{\"scim\": 5}");
    GatewayConfig config = new ConfigLoader(Map.of()).load(file).build();

    assertThatThrownBy(() -> config.rejectUnclaimedKeys(Set.of("scim")))
        .hasMessage("config key 'scim' must be an object, got 5");
  }

  @Test
  void environment_variables_fill_module_sections_beside_the_file() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("mqtt.json"), "{\"streaming\": {\"mqtt\": {\"host\": \"h\"}}}");
    GatewayConfig config =
        new ConfigLoader(Map.of("NIPC_MQTT_PORT", "1884", "NIPC_RATE_LIMIT", "5"))
            .load(file)
            .build();

    assertThat(config.moduleSettings("streaming").getJsonObject("mqtt").getMap())
        .containsEntry("host", "h")
        .containsEntry("port", 1884);
    assertThat(config.moduleSettings("security").getJsonObject("rateLimit").getDouble("burst"))
        .isEqualTo(10);
    config.rejectUnclaimedKeys(Set.of("streaming"));
  }

  @Test
  void http_event_loops_default_to_one_come_from_file_or_environment_and_are_bounded()
      throws Exception {
    assertThat(new ConfigLoader(Map.of()).load(null).build().httpEventLoops()).isEqualTo(1);
    Path file = Files.writeString(dir.resolve("loops.json"), "{\"http\": {\"eventLoops\": 3}}");
    assertThat(new ConfigLoader(Map.of()).load(file).build().httpEventLoops()).isEqualTo(3);
    assertThat(
            new ConfigLoader(Map.of("NIPC_HTTP_EVENT_LOOPS", "2"))
                .load(file)
                .build()
                .httpEventLoops())
        .isEqualTo(2);
    assertThatThrownBy(() -> new ConfigLoader(Map.of("NIPC_HTTP_EVENT_LOOPS", "two")).load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NIPC_HTTP_EVENT_LOOPS");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("NIPC_HTTP_EVENT_LOOPS", "0")).load(null).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.eventLoops must be between 1 and 64");
  }

  @Test
  void response_compression_is_off_unless_the_file_or_the_environment_turns_it_on()
      throws Exception {
    assertThat(new ConfigLoader(Map.of()).load(null).build().httpCompression()).isFalse();
    Path file =
        Files.writeString(dir.resolve("compress.json"), "{\"http\": {\"compression\": true}}");
    assertThat(new ConfigLoader(Map.of()).load(file).build().httpCompression()).isTrue();
    assertThat(
            new ConfigLoader(Map.of("NIPC_HTTP_COMPRESSION", "false"))
                .load(file)
                .build()
                .httpCompression())
        .isFalse();
    assertThatThrownBy(() -> new ConfigLoader(Map.of("NIPC_HTTP_COMPRESSION", "yes")).load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NIPC_HTTP_COMPRESSION must be true or false");
  }

  @Test
  void launch_options_reject_unknown_options_and_missing_values() {
    assertThatThrownBy(() -> LaunchOptions.parse(List.of("--nope")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--nope");
    assertThatThrownBy(() -> LaunchOptions.parse(List.of("--data-dir")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs a value");
    assertThat(LaunchOptions.parse(List.of("--help")).help()).isTrue();
  }
}
