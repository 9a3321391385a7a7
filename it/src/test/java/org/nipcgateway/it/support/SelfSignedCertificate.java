package org.nipcgateway.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A P-256 certificate for 127.0.0.1 and its key, made by Debian's openssl for one test. */
public record SelfSignedCertificate(Path cert, Path key) {

  public static SelfSignedCertificate create(Path dir) {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    try {
      Process openssl =
          new ProcessBuilder(
                  "openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "ec",
                  "-pkeyopt",
                  "ec_paramgen_curve:P-256",
                  "-nodes",
                  "-keyout",
                  key.toString(),
                  "-out",
                  cert.toString(),
                  "-days",
                  "1",
                  "-subj",
                  "/CN=localhost",
                  "-addext",
                  "subjectAltName=IP:127.0.0.1")
              .redirectErrorStream(true)
              .start();
      String output = new String(openssl.getInputStream().readAllBytes());
      if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
        throw new IllegalStateException("openssl failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("openssl is needed (apt-get install openssl)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new SelfSignedCertificate(cert, key);
  }
}
