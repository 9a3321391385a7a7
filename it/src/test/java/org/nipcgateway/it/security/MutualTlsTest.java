package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Openssl;
import org.nipcgateway.it.support.RunningGateway;

/**
 * Endpoint apps that authenticate with client certificates (certificates made by openssl here): a
 * certificate chained to the app's rootCA whose subject is the app's subjectName, as a DN or as a
 * dNSName, lets the app in; another CA's, or another subject, does not.
 */
class MutualTlsTest {
  @TempDir static Path dir;
  private static RunningGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    Openssl.ca(dir, "hospital-ca");
    Openssl.ca(dir, "rogue-ca");
    Openssl.client(
        dir, "hospital-ca", "monitor", "/O=Hospital/CN=ward-monitor", "monitor.ward.example");
    Openssl.client(dir, "hospital-ca", "pager", "/O=Hospital/CN=pager", "pager.ward.example");
    Openssl.client(
        dir, "rogue-ca", "impostor", "/O=Hospital/CN=ward-monitor", "monitor.ward.example");
    gateway =
        RunningGateway.startTls(Files.createTempDirectory(dir, "data"), GatewayConfig.builder());
    String root = Openssl.base64Der(dir.resolve("hospital-ca.pem"));
    register("By distinguished name", root, "CN=ward-monitor,O=Hospital");
    register("By DNS name", root, "pager.ward.example");
  }

  private static void register(String name, String rootCa, String subject) {
    ObjectNode app = EndpointApps.of("deviceControl", name);
    app.putObject("certificateInfo").put("rootCA", rootCa).put("subjectName", subject);
    ObjectNode created = gateway.scim().create("/EndpointApps", app);
    assertThat(created.has("clientToken")).as("an app with a certificate gets no token").isFalse();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static int status(String clientP12) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    KeyManagerFactory keys = null;
    if (clientP12 != null) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(dir.resolve(clientP12 + ".p12"))) {
        store.load(in, "test".toCharArray());
      }
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, "test".toCharArray());
    }
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(gateway.dataDir().resolve("tls/gateway-cert.pem"))) {
      trusted.setCertificateEntry(
          "gateway",
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    HttpResponse<String> reply =
        HttpClient.newBuilder()
            .sslContext(tls)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(gateway.base() + "/nipc/registrations/models"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return reply.statusCode();
  }

  @Test
  void a_certificate_from_the_apps_ca_with_its_distinguished_name_lets_the_app_in()
      throws Exception {
    assertThat(status("monitor")).isEqualTo(200);
  }

  @Test
  void a_certificate_whose_dns_name_is_the_apps_subject_name_lets_the_app_in() throws Exception {
    assertThat(status("pager")).isEqualTo(200);
  }

  @Test
  void the_same_subject_from_another_ca_or_no_certificate_at_all_is_refused() throws Exception {
    assertThat(status("impostor")).isEqualTo(401);
    assertThat(status(null)).isEqualTo(401);
  }
}
