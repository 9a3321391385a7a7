package org.nipcgateway.bench;

import java.time.Duration;

/**
 * One measured request, sent over and over by {@code connections} clients for {@code duration}.
 *
 * @param token bearer token, or null for open routes
 * @param body request body, or null for none
 */
record Scenario(
    String name,
    String method,
    String url,
    String token,
    String contentType,
    String body,
    int connections,
    Duration duration) {

  static Scenario get(String name, String url, String token, int connections, Duration duration) {
    return new Scenario(name, "GET", url, token, null, null, connections, duration);
  }
}
