package org.nipcgateway.core.fleet;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.nipcgateway.core.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a fleet's models and devices through the gateway's own HTTP API, so they are validated
 * like any client's. What a previous start already registered (409) is left as it is. Blocking: run
 * it on the launcher's thread, never on an event loop.
 */
public final class FleetSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSeeder.class);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  /**
   * @param base how to reach the gateway from this process, e.g. {@code http://127.0.0.1:8080}
   */
  public FleetSeeder(String base) {
    this.base = base;
  }

  public void seed(Fleet fleet) {
    int models = 0;
    int devices = 0;
    for (JsonObject model : fleet.models()) {
      models += post("/nipc/registrations/models", "application/sdf+json", model) ? 1 : 0;
    }
    for (JsonObject device : fleet.devices()) {
      devices += post("/scim/v2/Devices", "application/scim+json", device) ? 1 : 0;
    }
    LOG.info(
        "Fleet loaded: {} of {} models and {} of {} devices newly registered",
        models,
        fleet.models().size(),
        devices,
        fleet.devices().size());
  }

  /** True when created, false when it already existed; anything else is a broken fleet. */
  private boolean post(String path, String mediaType, JsonObject body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", mediaType)
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 201) {
        return true;
      }
      if (response.statusCode() == 409) {
        return false;
      }
      throw new ConfigException("the fleet's " + path + " entry was refused: " + response.body());
    } catch (IOException e) {
      throw new ConfigException("cannot reach the gateway to load the fleet: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while loading the fleet", e);
    }
  }
}
