package org.nipcgateway.core.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Builds the absolute URLs the gateway puts in responses (SCIM {@code meta.location}, the endpoints
 * given to apps). A configured public base URL wins; otherwise the URL the client used to reach us,
 * so that links work through port forwarding in a lab as well.
 */
public final class PublicUrls {
  private final Optional<String> configuredBase;

  public PublicUrls(Optional<String> configuredBase) {
    this.configuredBase = configuredBase;
  }

  /** The base URL, without a trailing slash, e.g. {@code https://ap.example:8443}. */
  public String base(HttpServerRequest request) {
    return configuredBase.orElseGet(() -> request.scheme() + "://" + hostOf(request));
  }

  private static String hostOf(HttpServerRequest request) {
    var authority = request.authority();
    if (authority != null) {
      return authority.toString();
    }
    return request.localAddress().hostAddress() + ":" + request.localAddress().port();
  }
}
