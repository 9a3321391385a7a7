package org.nipcgateway.core.security;

import java.util.Optional;
import org.nipcgateway.core.config.Settings;

/**
 * The {@code security} config section.
 *
 * <pre>{@code
 * "security": { "rateLimit": { "perSecond": 50, "burst": 100 }, "maxConnections": 512,
 *               "maxConnectionsPerAddress": 32, "reservedConnections": 64,
 *               "tlsHandshakeTimeoutMs": 5000, "idleTimeoutMs": 30000,
 *               "requestHeadTimeoutMs": 10000, "requestBodyTimeoutMs": 10000,
 *               "malformedRequests": { "perSecond": 5, "burst": 20 },
 *               "jwt": { ... see JwtBearer ... } }
 * }</pre>
 *
 * @param perSecond requests each client may make per second, on average
 * @param burst requests each client may make at once
 * @param connections how many HTTP connections, and for how long (see {@link ConnectionSettings})
 * @param malformedPerSecond requests that do not parse each address may send per second
 * @param malformedBurst and at once, before it gets 429 and its connection closed
 * @param jwt how JWT bearer tokens are checked; empty when they are not accepted
 */
record SecuritySettings(
    double perSecond,
    double burst,
    ConnectionSettings connections,
    double malformedPerSecond,
    double malformedBurst,
    Optional<JwtSettings> jwt) {

  /** Blocking: reads the JWKS file when one is configured. */
  static SecuritySettings from(Settings section) {
    Settings rate = section.section("rateLimit");
    double perSecond = rate.number("perSecond", 50, 0, Double.MAX_VALUE);
    if (perSecond == 0) {
      throw rate.invalid("perSecond", "must be more than 0");
    }
    double burst = rate.number("burst", 100, 1, Double.MAX_VALUE);
    ConnectionSettings connections = ConnectionSettings.from(section);
    // Clients that build requests by hand make a few mistakes, never dozens a second.
    Settings malformed = section.section("malformedRequests");
    double malformedPerSecond = malformed.number("perSecond", 5, 0.001, Double.MAX_VALUE);
    double malformedBurst = malformed.number("burst", 20, 1, Double.MAX_VALUE);
    Optional<JwtSettings> jwt = JwtSettings.from(section.optionalSection("jwt"));
    section.rejectUnknownKeys();
    return new SecuritySettings(
        perSecond, burst, connections, malformedPerSecond, malformedBurst, jwt);
  }
}
