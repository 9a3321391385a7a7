package org.nipcgateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.GatewayConfig;

class GatewayLifecycleTest {
  @TempDir Path dataDir;

  private static Gateway start(GatewayConfig config) throws Exception {
    return Gateway.start(config)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private GatewayConfig config() {
    return GatewayConfig.builder()
        .httpHost("127.0.0.1")
        .httpPort(0)
        .dataDir(dataDir)
        .insecureHttp(true)
        .build();
  }

  @Test
  void health_is_up_while_running_and_stop_completes() throws Exception {
    Gateway gateway = start(config());
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");

    gateway.stop().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  @Test
  void unknown_paths_get_a_problem_document() throws Exception {
    Gateway gateway = start(config());
    try {
      HttpResponse<String> reply =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + gateway.httpPort() + "/nope"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).isEqualTo(404);
      assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    } finally {
      gateway.stop().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_second_gateway_on_the_same_data_dir_fails_to_start() throws Exception {
    Gateway first = start(config());
    try {
      assertThatThrownBy(() -> start(config()))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(ConfigException.class)
          .hasMessageContaining("data dir");
    } finally {
      first.stop().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_busy_port_fails_the_start_with_a_config_error() throws Exception {
    Gateway first = start(config());
    Path otherDir = Files.createTempDirectory(dataDir, "other");
    try {
      GatewayConfig samePort =
          GatewayConfig.builder()
              .httpHost("127.0.0.1")
              .httpPort(first.httpPort())
              .dataDir(otherDir)
              .build();
      assertThatThrownBy(() -> start(samePort))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(ConfigException.class)
          .hasMessageContaining("cannot listen");
    } finally {
      first.stop().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_data_dir_that_is_a_file_fails_the_start() throws Exception {
    Path file = Files.createFile(dataDir.resolve("not-a-dir"));
    GatewayConfig config =
        GatewayConfig.builder().httpHost("127.0.0.1").httpPort(0).dataDir(file).build();
    assertThatThrownBy(() -> start(config)).hasCauseInstanceOf(ConfigException.class);
  }

  @Test
  void a_top_level_key_nobody_claims_fails_the_start_before_anything_starts() {
    Path untouched = dataDir.resolve("never-made");
    GatewayConfig config =
        GatewayConfig.builder()
            .httpHost("127.0.0.1")
            .httpPort(0)
            .dataDir(untouched)
            .moduleSettings("radio", new JsonObject())
            .build();

    assertThatThrownBy(() -> start(config))
        .hasCauseInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "unknown config key 'radio' (known: dataDir, http, logLevel, metrics, nipc, radios,"
                + " security)");
    assertThat(untouched).doesNotExist();
  }

  @Test
  void an_unknown_key_inside_a_core_or_module_section_fails_the_start_naming_its_path() {
    assertThatThrownBy(() -> start(config("nipc", new JsonObject().put("maxBacth", 4))))
        .hasCauseInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown config key 'nipc.maxBacth'");
    assertThatThrownBy(
            () ->
                start(
                    config(
                        "security",
                        new JsonObject().put("rateLimit", new JsonObject().put("perSecnd", 5)))))
        .hasCauseInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown config key 'security.rateLimit.perSecnd'");
    assertThatThrownBy(
            () -> start(config("radios", new JsonObject().put("wifi", new JsonObject()))))
        .hasCauseInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown config key 'radios.wifi' (known: ble, zigbee)");
  }

  private GatewayConfig config(String section, JsonObject settings) {
    return config().toBuilder().moduleSettings(section, settings).build();
  }
}
