package org.nipcgateway.core.security;

/**
 * Client-initiated TLS renegotiation is refused on every listener (HTTPS and MQTT). TLS 1.3 has no
 * renegotiation; in TLS 1.2 each one costs the server a full key exchange, so a few clients asking
 * in a loop take a core without ever authenticating.
 *
 * <p>The JDK reads {@code jdk.tls.rejectClientInitiatedRenegotiation} once, when the first server
 * handshake runs, so this is called first thing by the launcher and by {@code Gateway.start},
 * before any TLS engine exists. It is a JVM-wide setting: the gateway is the server in its process.
 */
public final class TlsRenegotiation {
  static final String PROPERTY = "jdk.tls.rejectClientInitiatedRenegotiation";

  private TlsRenegotiation() {}

  public static void refuseClientInitiated() {
    System.setProperty(PROPERTY, "true");
  }
}
