package org.nipcgateway.core.security;

import io.vertx.core.Future;
import org.nipcgateway.core.storage.ResourceStore;

/** Checks an endpoint app's client token against the salted hash the registry stored. */
public final class EndpointAppCredentials {
  private final ResourceStore store;

  public EndpointAppCredentials(ResourceStore store) {
    this.store = store;
  }

  /** Whether {@code token} is the client token of the EndpointApp with that id. */
  public Future<Boolean> verify(String endpointAppId, String token) {
    return store
        .find(endpointAppId)
        .map(
            found ->
                found
                    .filter(app -> app.resourceType().equals("EndpointApp"))
                    .map(app -> ClientTokens.matches(app.secrets(), token))
                    .orElse(false));
  }
}
