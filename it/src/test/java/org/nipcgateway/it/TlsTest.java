package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.SelfSignedCertificate;

/** With certificate and key files configured, the API is served over TLS 1.2 and 1.3 only. */
class TlsTest {
  @TempDir Path dir;
  private Path cert;
  private Path key;

  @BeforeEach
  void certificate() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
    cert = certificate.cert();
    key = certificate.key();
  }

  private HttpClient client(String protocol) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry(
          "gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(new String[] {protocol});
    return HttpClient.newBuilder().sslContext(context).sslParameters(parameters).build();
  }

  @Test
  void health_answers_over_tls_1_2_and_1_3_and_plain_http_gets_no_answer() throws Exception {
    GatewayConfig.Builder config = GatewayConfig.builder().tlsCertFile(cert).tlsKeyFile(key);
    try (RunningGateway gateway =
        RunningGateway.startTls(Files.createTempDirectory(dir, "data"), config)) {
      URI health = URI.create("https://127.0.0.1:" + gateway.port() + "/health");
      for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
        HttpResponse<String> reply =
            client(protocol)
                .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(protocol).isEqualTo(200);
      }
      URI plain = URI.create("http://127.0.0.1:" + gateway.port() + "/health");
      assertThatThrownBy(
              () ->
                  HttpClient.newBuilder()
                      .version(HttpClient.Version.HTTP_1_1)
                      .build()
                      .send(
                          HttpRequest.newBuilder(plain)
                              .timeout(java.time.Duration.ofSeconds(5))
                              .build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
