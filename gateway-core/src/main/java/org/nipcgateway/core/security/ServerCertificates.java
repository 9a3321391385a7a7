package org.nipcgateway.core.security;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TCPSSLOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.X509TrustManager;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's TLS server settings, shared by HTTP and MQTT: TLS 1.2 and 1.3 only, with forward-
 * secret AEAD cipher suites, the configured certificate or one generated in the data dir, and
 * client certificates requested (not required) so that endpoint apps can use mutual TLS.
 */
public final class ServerCertificates {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCertificates.class);

  /** TLS 1.3's suites, then TLS 1.2's ECDHE suites with AES-GCM or ChaCha20-Poly1305. */
  public static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private ServerCertificates() {}

  /** The certificate to serve, or empty for plain HTTP. Blocking: may write the data dir. */
  public static Optional<ServerTls> resolve(GatewayConfig config) {
    if (!config.tlsEnabled()) {
      return Optional.empty();
    }
    try {
      if (config.tlsCertFile().isPresent()) {
        var cert = config.tlsCertFile().get();
        return Optional.of(
            new ServerTls(
                cert, config.tlsKeyFile().orElseThrow(), SelfSignedCertificate.fingerprint(cert)));
      }
      SelfSignedCertificate.Files files = SelfSignedCertificate.ensure(config.dataDir());
      LOG.info(
          "{} self-signed TLS certificate {}; SHA-256 fingerprint {}",
          files.created() ? "Created" : "Using",
          files.certFile(),
          files.sha256Fingerprint());
      return Optional.of(
          new ServerTls(files.certFile(), files.keyFile(), files.sha256Fingerprint()));
    } catch (IOException e) {
      throw new ConfigException("TLS certificate: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new ConfigException("TLS certificate: " + e.getMessage(), e);
    }
  }

  /** Turns TLS on in server options (HTTP or MQTT). */
  public static void apply(TCPSSLOptions options, ServerTls tls) {
    options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(tls.certFile().toString())
                .setKeyPath(tls.keyFile().toString()))
        .setEnabledSecureTransportProtocols(PROTOCOLS);
    CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    if (options instanceof io.vertx.core.http.HttpServerOptions http) {
      http.setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(new AnyClient()));
    }
  }

  /**
   * Takes any client certificate at the TLS layer: which roots to trust depends on the endpoint
   * app, so {@link ClientCertificates} judges the chain once the request says who it is.
   */
  private static final class AnyClient implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("a server trust manager only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
