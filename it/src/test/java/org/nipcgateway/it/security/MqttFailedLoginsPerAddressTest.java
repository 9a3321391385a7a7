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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.AuditLines;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * One address guessing under many user names is throttled as a whole, as HTTP's failed logins are
 * (issue 15, finding 9), and the audit lines name the address: on the plain and the TLS listener
 * (their pipelines differ). The client is Debian's python3-paho-mqtt, binding its source address to
 * tell loopback clients apart; each transport has its own pair of addresses, since the limit is per
 * address whatever the port.
 */
class MqttFailedLoginsPerAddressTest {
  private static RunningGateway gateway;

  enum Transport {
    PLAIN("127.0.0.1", "127.0.0.2"),
    TLS("127.0.0.3", "127.0.0.4");

    final String attacker;
    final String neighbour;

    Transport(String attacker, String neighbour) {
      this.attacker = attacker;
      this.neighbour = neighbour;
    }
  }

  @BeforeAll
  static void start() {
    JsonObject mqtt = new JsonObject().put("maxFailedLoginsPerAddressPerMinute", 3);
    gateway =
        RunningGateway.startTls(
            GatewayConfig.builder()
                .moduleSettings("streaming", new JsonObject().put("mqtt", mqtt)));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /** The CONNACK code of each login: source address, user, password, one after another. */
  private static List<Integer> logins(Transport transport, List<String> sourceUserPassword)
      throws Exception {
    JsonNode ports = gateway.scim().get("/streaming").json().path("mqtt");
    Path script = Files.createTempFile("login_probe", ".py");
    try (InputStream in =
        MqttFailedLoginsPerAddressTest.class.getResourceAsStream("/mqtt/login_probe.py")) {
      Files.write(script, in.readAllBytes());
    }
    boolean tls = transport == Transport.TLS;
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/python3",
                script.toString(),
                String.valueOf(ports.path(tls ? "tlsPort" : "port").asInt()),
                tls ? gateway.dataDir().resolve("tls/gateway-cert.pem").toString() : "-"));
    command.addAll(sourceUserPassword);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Files.delete(script);
    String last = output.strip().substring(output.strip().lastIndexOf('\n') + 1);
    List<Integer> codes = new ArrayList<>();
    for (JsonNode code : ScimClient.JSON.readTree(last)) {
      codes.add(code.asInt());
    }
    return codes;
  }

  private static String address(String address) {
    return "\"address\":\"" + address + "\"";
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void wrong_passwords_under_many_names_lock_out_the_address_but_not_its_neighbour(
      Transport transport) throws Exception {
    ObjectNode app =
        gateway.scim().create("/EndpointApps", EndpointApps.of("telemetry", "target " + transport));
    String id = app.path("id").asText();
    String token = app.path("clientToken").asText();
    List<String> attempts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Another name each time: the per-name limit (10 a minute) never trips.
      attempts.addAll(List.of(transport.attacker, transport + "-guess-" + i, "wrong-" + i));
    }
    attempts.addAll(List.of(transport.attacker, id, token));
    attempts.addAll(List.of(transport.neighbour, id, token));

    List<Integer> codes = logins(transport, attempts);
    assertThat(codes).hasSize(7);
    assertThat(codes.subList(0, 5)).allSatisfy(code -> assertThat(code).isNotZero());
    // The right token from the locked-out address: refused unchecked.
    assertThat(codes.get(5)).isNotZero();
    assertThat(codes.get(6)).isZero();

    // The neighbour's login is the last line written: once it is in audit.log, all are.
    assertThat(
            AuditLines.awaitMentioning(
                gateway.dataDir(), "\"caller\":\"app:" + id, address(transport.neighbour)))
        .singleElement()
        .satisfies(line -> assertThat(line).doesNotContain("denied"));
    List<String> fromAttacker =
        AuditLines.of(gateway.dataDir()).stream()
            .filter(l -> l.contains("\"via\":\"mqtt\"") && l.contains(address(transport.attacker)))
            .toList();
    assertThat(fromAttacker).hasSize(6);
    assertThat(fromAttacker)
        .filteredOn(l -> l.contains("\"reason\":\"wrong credentials\""))
        .hasSize(4);
    assertThat(fromAttacker)
        .filteredOn(l -> l.contains("\"reason\":\"too many wrong passwords from this address\""))
        .hasSize(2);
    assertThat(fromAttacker).noneSatisfy(l -> assertThat(l).contains("wrong-"));
  }
}
