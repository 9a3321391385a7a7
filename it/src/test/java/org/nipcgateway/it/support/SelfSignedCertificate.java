package org.nipcgateway.it.support;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;

/** A P-256 certificate for 127.0.0.1 and its key, made by Debian's openssl for one test. */
public record SelfSignedCertificate(Path cert, Path key) {

  public static SelfSignedCertificate create(Path dir) {
    Openssl.newKey(
        dir,
        "req",
        "-x509",
        "-keyout",
        "key.pem",
        "-out",
        "cert.pem",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1");
    return new SelfSignedCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
  }

  /** Options for a test's own HTTPS server (file server, callback or webhook receiver). */
  public HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
  }
}
