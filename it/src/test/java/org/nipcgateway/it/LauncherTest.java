package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.it.support.GatewayProcess;

/** The contract of {@code ./nipc-gateway} that operators and scripts rely on. */
class LauncherTest {
  @TempDir Path dir;

  private record Run(int exitCode, String output) {}

  /** Runs the repository's launcher script itself. */
  private static Run launcher(String... args) throws IOException, InterruptedException {
    Path script = Path.of("..", "nipc-gateway").toAbsolutePath().normalize();
    List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void help_lists_every_option_and_exits_zero() throws Exception {
    Run run = launcher("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains("--port", "--data-dir", "--config", "--fleet", "--no-demo", "--help");
  }

  @Test
  void an_unknown_option_exits_non_zero_naming_it() throws Exception {
    Run run = launcher("--frobnicate");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("unknown option '--frobnicate'");
  }

  @Test
  void a_run_leaves_a_class_data_archive_for_the_current_jar_and_the_next_run_reuses_it()
      throws Exception {
    Path jar = GatewayProcess.jar();
    Path archive = jar.resolveSibling("nipc-gateway.jsa");
    launcher("--frobnicate");
    assertThat(archive).isNotEmptyFile();
    assertThat(Files.getLastModifiedTime(archive))
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(jar));
    FileTime made = Files.getLastModifiedTime(archive);

    Run again = launcher("--frobnicate");

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.output()).doesNotContain("class-data archive").doesNotContain("[cds]");
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
  }

  @Test
  void a_bad_port_value_exits_non_zero() throws Exception {
    Run run = launcher("--port", "70000");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--port");
  }

  @Test
  void a_port_in_use_exits_non_zero_with_a_clear_message() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      GatewayProcess gateway =
          GatewayProcess.start(
              List.of(
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(taken.getLocalPort()),
                  "--data-dir",
                  dir.toString()),
              Map.of());
      assertThat(gateway.exitCode()).isNotZero();
      assertThat(gateway.output()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void a_data_dir_that_is_a_file_exits_non_zero_with_a_clear_message() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "not a directory");
    GatewayProcess gateway =
        GatewayProcess.start(List.of("--port", "0", "--data-dir", file.toString()), Map.of());
    assertThat(gateway.exitCode()).isNotZero();
    assertThat(gateway.output()).contains("data dir");
  }

  @Test
  void a_data_dir_used_by_another_gateway_process_is_refused() {
    try (GatewayProcess first = GatewayProcess.listening(dir, "http://gateway.test")) {
      GatewayProcess second =
          GatewayProcess.start(List.of("--port", "0", "--data-dir", dir.toString()), Map.of());
      assertThat(second.exitCode()).isNotZero();
      assertThat(second.output()).contains("in use by another gateway process");
      assertThat(first.scim().get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void a_default_run_preloads_the_demo_thermometer_and_no_demo_does_not() throws Exception {
    try (GatewayProcess demo = GatewayProcess.onFreePort(dir.resolve("demo"))) {
      demo.awaitOutput("Fleet loaded");
      String id = demo.scim().list("/Devices", "").path("Resources").get(0).path("id").asText();
      String property =
          "https://nipc-gateway.example/demo#/sdfObject/thermometer/sdfProperty/temperatureType";
      assertThat(
              demo.scim()
                  .get(
                      "/nipc/devices/"
                          + id
                          + "/properties?propertyName="
                          + org.nipcgateway.it.support.ScimClient.encode(property))
                  .json()
                  .get(0)
                  .path("value")
                  .asText())
          .isEqualTo("Ag==");
    }
    try (GatewayProcess plain =
        GatewayProcess.listening(dir.resolve("plain"), "http://gateway.test")) {
      assertThat(plain.scim().list("/Devices", "").path("totalResults").asInt()).isZero();
    }
  }

  @Test
  void a_fleet_file_preloads_its_devices_and_cannot_be_combined_with_config_radios()
      throws Exception {
    Path fleet =
        Files.writeString(
            dir.resolve("fleet.json"),
            "{\"radios\":{\"ble\":{\"driver\":\"simulated\",\"devices\":[{\"mac\":\"02:00:00:00:00:07\","
                + "\"characteristics\":[{\"service\":\"180F\",\"characteristic\":\"2A19\",\"value\":\"ZA==\"}]}]}},"
                + "\"devices\":[{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Device\"],\"displayName\":\"from fleet\",\"active\":true}]}");
    try (GatewayProcess gateway =
        GatewayProcess.onFreePort(dir.resolve("fleet"), "--fleet", fleet.toString())) {
      gateway.awaitOutput("Fleet loaded");
      assertThat(
              gateway
                  .scim()
                  .list("/Devices", "")
                  .path("Resources")
                  .get(0)
                  .path("displayName")
                  .asText())
          .isEqualTo("from fleet");
    }
    Path config =
        Files.writeString(
            dir.resolve("config.json"), "{\"radios\":{\"ble\":{\"driver\":\"simulated\"}}}");
    Run both =
        launcher(
            "--config",
            config.toString(),
            "--fleet",
            fleet.toString(),
            "--data-dir",
            dir.resolve("both").toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.output()).contains("not both");
  }

  /** Starts the packaged gateway with this config file and waits for it to exit. */
  private Run withConfig(String name, String json) throws IOException {
    Path config = Files.writeString(dir.resolve(name + ".json"), json);
    GatewayProcess gateway =
        GatewayProcess.onFreePort(dir.resolve(name), "--config", config.toString());
    return new Run(gateway.exitCode(), gateway.output());
  }

  @Test
  void an_unknown_top_level_config_key_stops_the_start_naming_it_and_every_known_one()
      throws Exception {
    Run run = withConfig("typo", "{\"radio\": {\"ble\": {\"driver\": \"simulated\"}}}");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output())
        .contains(
            "nipc-gateway: unknown config key 'radio' (known: dataDir, http, logLevel, metrics, nipc,"
                + " radios, scim, security, streaming)")
        .doesNotContain("listening on");
  }

  @Test
  void an_unknown_key_inside_a_module_section_stops_the_start_naming_its_path() throws Exception {
    Run run = withConfig("streaming", "{\"streaming\": {\"mqtt\": {\"prot\": 1884}}}");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output())
        .contains(
            "unknown config key 'streaming.mqtt.prot' (known: enabled, host, maxConnectionsPerApp, maxFailedLoginsPerAddressPerMinute, maxFailedLoginsPerMinute, maxQueuedPerSession, maxSubscriptionsPerClient, maxTopicLength, port, replayHoldSeconds, tls, tlsPort)");
  }

  @Test
  void an_unknown_key_of_a_radio_driver_stops_the_start_naming_its_path() throws Exception {
    Run run =
        withConfig("radios", "{\"radios\": {\"ble\": {\"driver\": \"simulated\", \"slot\": 3}}}");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("unknown config key 'radios.ble.slot' (known: ");
  }

  @Test
  void a_configured_simulated_radio_keeps_its_devices_and_the_demo_adds_only_the_other_radio()
      throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("simulated.json"),
            "{\"radios\":{\"ble\":{\"driver\":\"simulated\",\"devices\":[{\"mac\":\"02:00:00:00:00:09\"}]}}}");
    try (GatewayProcess gateway =
        GatewayProcess.onFreePort(dir.resolve("simulated"), "--config", config.toString())) {
      gateway.awaitOutput("Fleet loaded");
      List<String> names = new java.util.ArrayList<>();
      gateway
          .scim()
          .list("/Devices", "")
          .path("Resources")
          .forEach(device -> names.add(device.path("displayName").asText()));
      assertThat(names).containsExactly("Demo Zigbee light");
    }
  }

  @Test
  void sigterm_stops_the_gateway_gracefully() {
    GatewayProcess gateway = GatewayProcess.listening(dir, "http://gateway.test");
    assertThat(gateway.terminate()).isIn(0, 143);
    assertThat(gateway.output()).contains("NIPC gateway stopped");
  }
}
