package org.nipcgateway.core.security;

import io.vertx.core.Future;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * Checks a data app's credentials for the MQTT broker: its client token against the salted hash the
 * registry stored. Only telemetry apps (the data role) may log in; a control app's token, however
 * valid, is refused.
 */
public final class EndpointAppCredentials {
  private final ResourceStore store;

  public EndpointAppCredentials(ResourceStore store) {
    this.store = store;
  }

  /** Whether {@code token} is the client token of the telemetry EndpointApp with that id. */
  public Future<Boolean> verify(String endpointAppId, String token) {
    return store
        .find(endpointAppId)
        .map(
            found ->
                found
                    .filter(app -> app.resourceType().equals(ScimNames.ENDPOINT_APP))
                    .filter(
                        app ->
                            app.attributes().path("applicationType").asText().equals("telemetry"))
                    .map(app -> ClientTokens.matches(app.secrets(), token))
                    .orElse(false));
  }
}
