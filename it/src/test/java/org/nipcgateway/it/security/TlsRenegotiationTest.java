package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.GatewayProcess;
import org.nipcgateway.it.support.Openssl;
import org.nipcgateway.it.support.RunningGateway;

/**
 * TLS 1.2 lets a client ask for a new handshake at any time, each one a full key exchange for the
 * server: a few clients doing it in a loop take a core. The gateway refuses client-initiated
 * renegotiation on HTTPS and on MQTT; openssl's {@code s_client} asks for one when it reads {@code
 * R}. (TLS 1.3 has no renegotiation at all.)
 */
class TlsRenegotiationTest {
  @TempDir Path dir;

  @Test
  void the_packaged_gateway_refuses_renegotiation_on_https_and_mqtt() {
    Path data = dir.resolve("data");
    try (GatewayProcess gateway =
        GatewayProcess.start(
            List.of(
                "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(), "--no-demo"),
            Map.of("NIPC_MQTT_TLS_PORT", "0"))) {
      int mqttTlsPort =
          gateway.scim().get("/streaming").json().path("mqtt").path("tlsPort").asInt();
      Path ca = data.resolve("tls/gateway-cert.pem");

      assertRenegotiationRefused(gateway.port(), ca, "HTTPS");
      assertRenegotiationRefused(mqttTlsPort, ca, "MQTT");
    }
  }

  @Test
  void a_gateway_started_in_process_refuses_renegotiation() {
    try (RunningGateway gateway = RunningGateway.startTls(GatewayConfig.builder())) {
      assertRenegotiationRefused(
          gateway.port(), gateway.dataDir().resolve("tls/gateway-cert.pem"), "HTTPS");
    }
  }

  private void assertRenegotiationRefused(int port, Path ca, String listener) {
    Openssl.Result r =
        Openssl.run(
            dir,
            "R\n",
            "s_client",
            "-connect",
            "127.0.0.1:" + port,
            "-tls1_2",
            "-CAfile",
            ca.toString(),
            "-verify_return_error");
    String afterRequest = r.output().substring(Math.max(0, r.output().indexOf("RENEGOTIATING")));
    assertThat(r.output()).as(listener).contains("Verify return code: 0 (ok)", "RENEGOTIATING");
    assertThat(afterRequest).as(listener + ": " + afterRequest).contains("handshake failure");
    assertThat(r.exitCode()).as(listener).isNotZero();
  }
}
