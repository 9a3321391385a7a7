package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.Openssl;
import org.nipcgateway.it.support.RunningGateway;

/**
 * The MQTT listener offers what the README says, the same suites as HTTPS: ECDHE with AES-GCM or
 * ChaCha20-Poly1305 on TLS 1.2, and TLS 1.3's suites; nothing without AEAD.
 */
class MqttTlsCiphersTest {
  @TempDir static Path dir;
  private static RunningGateway gateway;
  private static int mqttTlsPort;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.startTls(GatewayConfig.builder());
    mqttTlsPort = gateway.scim().get("/streaming").json().path("mqtt").path("tlsPort").asInt();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static Openssl.Result handshake(int port, String... cipherOptions) {
    String[] args = new String[cipherOptions.length + 6];
    args[0] = "s_client";
    args[1] = "-connect";
    args[2] = "127.0.0.1:" + port;
    args[3] = "-CAfile";
    args[4] = gateway.dataDir().resolve("tls/gateway-cert.pem").toString();
    args[5] = "-brief";
    System.arraycopy(cipherOptions, 0, args, 6, cipherOptions.length);
    return Openssl.run(dir, "", args);
  }

  @Test
  void mqtt_over_tls_1_2_and_1_3_accepts_chacha20_poly1305() {
    for (String[] chacha :
        new String[][] {
          {"-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305"},
          {"-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256"}
        }) {
      Openssl.Result r = handshake(mqttTlsPort, chacha);
      assertThat(r.output()).as(String.join(" ", chacha)).contains("CONNECTION ESTABLISHED");
      assertThat(r.output()).containsIgnoringCase("CHACHA20");
    }
  }

  @Test
  void mqtt_and_https_agree_on_every_tls_1_2_suite() {
    for (String suite :
        new String[] {
          "ECDHE-ECDSA-AES256-GCM-SHA384",
          "ECDHE-ECDSA-AES128-GCM-SHA256",
          "ECDHE-ECDSA-CHACHA20-POLY1305",
          "ECDHE-ECDSA-AES128-SHA256",
          "ECDHE-ECDSA-AES256-SHA"
        }) {
      boolean https =
          handshake(gateway.port(), "-tls1_2", "-cipher", suite)
              .output()
              .contains("CONNECTION ESTABLISHED");
      boolean mqtt =
          handshake(mqttTlsPort, "-tls1_2", "-cipher", suite)
              .output()
              .contains("CONNECTION ESTABLISHED");
      assertThat(mqtt).as(suite + " on MQTT as on HTTPS").isEqualTo(https);
      boolean aead = suite.contains("GCM") || suite.contains("CHACHA20");
      assertThat(https).as(suite + " accepted (AEAD only)").isEqualTo(aead);
    }
  }
}
