package org.nipcgateway.core.security;

import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import org.nipcgateway.core.config.Settings;

/**
 * How long and how many HTTP connections the gateway keeps open for clients, so that one client
 * without credentials cannot hold them all (issue 15, finding 2). Keys of the {@code security}
 * section:
 *
 * @param maxConnections open HTTP connections at most; requests on more get 503
 * @param maxPerAddress open connections from one remote address at most; more are closed at once
 * @param reserved of {@code maxConnections}, the ones kept for {@code /health} and requests that
 *     carry credentials: anonymous requests get 503 once more than {@code maxConnections -
 *     reserved} connections are open
 * @param tlsHandshakeTimeoutMs a TLS handshake not finished by then closes the connection
 * @param idleTimeoutMs a connection on which nothing was read or written for this long is closed
 *     (also a response the client does not read: slow read)
 * @param headTimeoutMs the whole request line and headers must arrive within this time of the
 *     connection opening or of the previous response (slowloris, idle keep-alive)
 * @param bodyTimeoutMs the whole body must arrive within this time of the request head (slow body)
 */
record ConnectionSettings(
    int maxConnections,
    int maxPerAddress,
    int reserved,
    long tlsHandshakeTimeoutMs,
    long idleTimeoutMs,
    long headTimeoutMs,
    long bodyTimeoutMs) {

  static ConnectionSettings from(Settings section) {
    int max = section.integer("maxConnections", 512, 1, Integer.MAX_VALUE);
    int reserved = section.integer("reservedConnections", Math.min(64, max / 8), 0, max - 1);
    // One address may not take the reserve: at most what anonymous connections may hold.
    int perAddress =
        section.integer(
            "maxConnectionsPerAddress", Math.min(32, max - reserved), 1, max - reserved);
    return new ConnectionSettings(
        max,
        perAddress,
        reserved,
        section.longValue("tlsHandshakeTimeoutMs", 5_000, 1, Long.MAX_VALUE),
        section.longValue("idleTimeoutMs", 30_000, 1, Long.MAX_VALUE),
        section.longValue("requestHeadTimeoutMs", 10_000, 1, Long.MAX_VALUE),
        section.longValue("requestBodyTimeoutMs", 10_000, 1, Long.MAX_VALUE));
  }

  /** What the HTTP server itself enforces: the TLS handshake and idle timeouts. */
  void applyTo(HttpServerOptions options) {
    options
        .setSslHandshakeTimeout(tlsHandshakeTimeoutMs)
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeoutMs))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
  }
}
