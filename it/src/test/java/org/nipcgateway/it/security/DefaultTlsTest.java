package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.security.SelfSignedCertificate;
import org.nipcgateway.it.support.GatewayProcess;
import org.nipcgateway.it.support.Openssl;

/**
 * The packaged gateway with no TLS settings at all: it makes itself a certificate, prints its
 * fingerprint, and speaks TLS 1.2 and 1.3 only; plain HTTP gets no answer. Handshakes are tried
 * with Debian's openssl, which (unlike the JDK) can still be told to offer TLS 1.0 and 1.1.
 */
class DefaultTlsTest {
  @TempDir Path dir;

  @Test
  void tls_is_on_by_default_with_a_self_signed_certificate_and_only_tls_1_2_and_1_3()
      throws Exception {
    Path data = dir.resolve("data");
    try (GatewayProcess gateway = GatewayProcess.onFreePort(data, "--no-demo")) {
      int port = gateway.port();
      assertThat(gateway.base()).startsWith("https://");
      String fingerprint = SelfSignedCertificate.fingerprint(gateway.certificate());
      assertThat(gateway.output()).contains("SHA-256 fingerprint " + fingerprint);

      for (String accepted : new String[] {"1_2", "1_3"}) {
        Openssl.Result r = handshake(port, "-tls" + accepted);
        assertThat(r.output())
            .as(accepted)
            .contains("CONNECTION ESTABLISHED")
            .contains("Protocol version: TLSv" + accepted.replace('_', '.'))
            .contains("Verification: OK");
      }
      for (String refused : new String[] {"-tls1", "-tls1_1"}) {
        Openssl.Result r = handshake(port, refused);
        assertThat(r.exitCode()).as(refused + ": " + r.output()).isNotZero();
        assertThat(r.output()).as(refused).doesNotContain("CONNECTION ESTABLISHED");
      }

      // Plain HTTP on the TLS port: no HTTP answer comes back.
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(5000);
        socket
            .getOutputStream()
            .write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] answer = new byte[64];
        int read;
        try {
          read = socket.getInputStream().read(answer);
        } catch (java.io.IOException e) {
          read = -1;
        }
        String text = read <= 0 ? "" : new String(answer, 0, read, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotStartWith("HTTP/");
      }
    }
  }

  private Openssl.Result handshake(int port, String version) {
    // SECLEVEL=0 lets this client offer the old versions; the server must still refuse them.
    return Openssl.run(
        dir,
        "",
        "s_client",
        "-connect",
        "127.0.0.1:" + port,
        version,
        "-cipher",
        "DEFAULT:@SECLEVEL=0",
        "-CAfile",
        dir.resolve("data/tls/gateway-cert.pem").toString(),
        "-verify_return_error",
        "-brief");
  }
}
