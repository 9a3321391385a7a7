package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.it.support.GatewayProcess;

/**
 * The README's curl examples run, as written, against the packaged gateway started the README's way
 * (with its demo fleet). Needs curl and jq.
 */
class ReadmeExamplesTest {
  @TempDir Path dataDir;

  private static String exampleScript() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("<!-- readme-example:start");
    int end = readme.indexOf("<!-- readme-example:end -->");
    assertThat(start).as("README example markers").isNotNegative();
    String block = readme.substring(start, end);
    return block.substring(block.indexOf("```sh") + "```sh".length(), block.lastIndexOf("```"));
  }

  @Test
  void the_readme_examples_run_and_print_what_the_readme_says() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.onFreePort(dataDir)) {
      gateway.awaitOutput("Fleet loaded");
      ProcessBuilder bash =
          new ProcessBuilder("bash", "-euo", "pipefail", "-c", exampleScript())
              .redirectErrorStream(true);
      bash.environment().put("GW", gateway.base().replace("127.0.0.1", "localhost"));
      bash.environment().put("DATA", dataDir.toString());
      bash.environment()
          .put(
              "NIPC",
              GatewayProcess.javaBinary() + " -jar " + GatewayProcess.jar().toAbsolutePath());
      Process process = bash.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output)
          .contains("{\"status\":\"UP\"")
          .contains(
              "\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"missing or invalid credentials\"} 401")
          .contains(
              "\"property\":\"https://nipc-gateway.example/demo#/sdfObject/thermometer/sdfProperty/temperatureType\",\"value\":\"Ag==\"")
          .contains(
              "\"property\":\"https://nipc-gateway.example/demo#/sdfObject/light/sdfProperty/temperature\",\"value\":\"Zgg=\"")
          .contains("sdfProperty/device_name\",\"value\":\"RGVtbyB0aGVybW9tZXRlcg==\"")
          .contains("{\"open\":true,\"remainingSeconds\":60}\n")
          .contains("\"remainingSeconds\":")
          .contains("nipc_radio_calls_total{operation=\"read\",outcome=\"ok\",radio=\"ble\"} 2.0")
          .contains("\"totalResults\":1")
          .contains("{\"displayName\":\"Ward 3 heart monitor\",\"version\":\"W/\\\"2\\\"\"}")
          .contains("\"clientToken\":\"")
          .contains("\"etag\":{\"supported\":true}")
          .contains("[{\"sdfName\":\"https://example.com/demo#/sdfObject/battery\"}]")
          .contains("{\"status\":\"COMPLETED\"}")
          .contains(
              "sdfProperty/onOff\",\"value\":\"AQ==\"}]\n{\"status\":\"COMPLETED\",\"value\":\"AAA=\"}\n201\n")
          .contains(
              "\"radios\":{\"ble\":{\"driver\":\"simulated\",\"state\":\"UP\",\"connectionSlots\":{\"limit\":5,\"inUse\":0}}")
          .contains("sdfProperty/onOff\",\"value\":\"AA==\"}]")
          .contains("\"mqttClient\":true}")
          .contains(
              "data-app/<dataAppId>/demo/sdfObject/thermometer/sdfEvent/temperatureMeasurement\n")
          .contains(
              "{\"serviceUuids\":[\"0000180f-0000-1000-8000-00805f9b34fb\"],\"includeRssi\":false,"
                  + "\"maxPerSecond\":5}\n204\n")
          .contains(
              "{\"characteristicID\":\"00002a1c-0000-1000-8000-00805f9b34fb\",\"flags\":[\"indicate\"]}")
          .endsWith("]\n204\n204\n");
    }
  }
}
