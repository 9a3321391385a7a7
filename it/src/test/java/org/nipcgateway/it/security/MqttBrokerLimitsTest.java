package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.AuditLines;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * One app cannot stall the embedded broker for the others (issue 15, finding 4), and wrong
 * passwords are throttled and audited in audit.log (finding 9). The client is Debian's
 * python3-paho-mqtt.
 */
class MqttBrokerLimitsTest {
  private static RunningGateway gateway;
  private static int mqttPort;

  @BeforeAll
  static void start() {
    JsonObject mqtt =
        new JsonObject()
            .put("maxSubscriptionsPerClient", 5)
            .put("maxTopicLength", 64)
            .put("maxConnectionsPerApp", 2)
            .put("maxFailedLoginsPerMinute", 3)
            // Every probe comes from 127.0.0.1: the per-address limit has its own test.
            .put("maxFailedLoginsPerAddressPerMinute", 1000);
    gateway =
        RunningGateway.start(
            GatewayConfig.builder()
                .moduleSettings("streaming", new JsonObject().put("mqtt", mqtt))
                .moduleSettingIfAbsent("streaming", "mqtt", "port", 0));
    mqttPort = gateway.scim().get("/streaming").json().path("mqtt").path("port").asInt();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static ObjectNode telemetryApp(String name) {
    return gateway.scim().create("/EndpointApps", EndpointApps.of("telemetry", name));
  }

  /** Runs the paho probe: the CONNACK code of each connection, the SUBACK codes of the first. */
  private static JsonNode probe(String user, String password, int connections, List<String> topics)
      throws Exception {
    Path script = Files.createTempFile("broker_probe", ".py");
    try (InputStream in = MqttBrokerLimitsTest.class.getResourceAsStream("/mqtt/broker_probe.py")) {
      Files.write(script, in.readAllBytes());
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/python3",
                script.toString(),
                String.valueOf(mqttPort),
                user,
                password,
                String.valueOf(connections)));
    command.addAll(topics);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Files.delete(script);
    String last = output.strip().substring(output.strip().lastIndexOf('\n') + 1);
    return ScimClient.JSON.readTree(last);
  }

  @Test
  void subscriptions_beyond_the_cap_and_overlong_topics_are_refused_in_the_suback()
      throws Exception {
    ObjectNode app = telemetryApp("many subscriptions");
    String id = app.path("id").asText();
    List<String> topics = new ArrayList<>();
    topics.add("data-app/" + id + "/" + "x".repeat(80));
    for (int i = 0; i < 7; i++) {
      topics.add("data-app/" + id + "/t" + i);
    }
    JsonNode result = probe(id, app.path("clientToken").asText(), 1, topics);
    assertThat(result.path("connacks").toString()).isEqualTo("[0]");
    List<Integer> granted = new ArrayList<>();
    result.path("granted").forEach(code -> granted.add(code.asInt()));
    assertThat(granted).containsExactly(128, 1, 1, 1, 1, 1, 128, 128);
  }

  @Test
  void an_app_gets_at_most_its_connections() throws Exception {
    ObjectNode app = telemetryApp("many connections");
    JsonNode result =
        probe(app.path("id").asText(), app.path("clientToken").asText(), 3, List.of());
    List<Integer> connacks = new ArrayList<>();
    result.path("connacks").forEach(code -> connacks.add(code.asInt()));
    assertThat(connacks).hasSize(3);
    assertThat(connacks.subList(0, 2)).containsExactly(0, 0);
    assertThat(connacks.get(2)).isNotZero();
  }

  @Test
  void wrong_passwords_are_throttled_per_app_and_audited() throws Exception {
    ObjectNode app = telemetryApp("guessed");
    String id = app.path("id").asText();
    for (int i = 0; i < 5; i++) {
      assertThat(probe(id, "wrong-" + i, 1, List.of()).path("connacks").get(0).asInt()).isNotZero();
    }
    // The right token, too soon after the guesses: refused unchecked.
    assertThat(
            probe(id, app.path("clientToken").asText(), 1, List.of())
                .path("connacks")
                .get(0)
                .asInt())
        .isNotZero();
    String caller = "\"caller\":\"app:" + id + "\"";
    AuditLines.awaitMentioning(
        gateway.dataDir(), caller, "\"reason\":\"too many wrong passwords\"");
    assertThat(AuditLines.of(gateway.dataDir()))
        .filteredOn(l -> l.contains(caller) && l.contains("\"reason\":\"wrong credentials\""))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(AuditLines.of(gateway.dataDir())).noneMatch(l -> l.contains("wrong-0"));

    ObjectNode other = telemetryApp("not guessed");
    String otherId = other.path("id").asText();
    JsonNode result =
        probe(
            otherId, other.path("clientToken").asText(), 1, List.of("data-app/" + otherId + "/a"));
    assertThat(result.path("connacks").toString()).isEqualTo("[0]");
    String otherCaller = "\"caller\":\"app:" + otherId + "\"";
    AuditLines.awaitMentioning(gateway.dataDir(), otherCaller, "\"method\":\"mqtt-login\"");
    AuditLines.awaitMentioning(
        gateway.dataDir(),
        otherCaller,
        "\"method\":\"mqtt-subscribe\"",
        "\"address\":\"127.0.0.1\"");
  }
}
