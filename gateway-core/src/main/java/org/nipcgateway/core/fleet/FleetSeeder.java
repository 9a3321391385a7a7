package org.nipcgateway.core.fleet;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.security.OperatorTokenFile;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.SelfSignedCertificate;
import org.nipcgateway.core.security.TrustedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a fleet's models and devices through the gateway's own HTTP API, so they are validated
 * like any client's. What a previous start already registered (409) is left as it is. Blocking: run
 * it on the launcher's thread, never on an event loop.
 */
public final class FleetSeeder {
  private static final Logger LOG = LoggerFactory.getLogger(FleetSeeder.class);

  /** How long the launcher's own seeding token lives; it is revoked as soon as seeding ends. */
  private static final Duration SEEDING_TOKEN_LIFETIME = Duration.ofMinutes(10);

  private final HttpClient http;
  private final String base;
  private final String token;
  private final Runnable whenDone;

  /**
   * @param base how to reach the gateway from this process, e.g. {@code https://127.0.0.1:8443}
   * @param tls trusts the gateway's certificate
   * @param token an operator token with the provisioning and control roles
   */
  public FleetSeeder(String base, SSLContext tls, String token) {
    this(base, tls, token, () -> {});
  }

  private FleetSeeder(String base, SSLContext tls, String token, Runnable whenDone) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(tls)
            .build();
    this.base = base;
    this.token = token;
    this.whenDone = whenDone;
  }

  /**
   * The launcher's seeder: a short-lived operator token of its own in the data dir, revoked once
   * the fleet is loaded, and trust in exactly the certificate the gateway serves.
   */
  public static FleetSeeder asOperator(GatewayConfig config, String host, int port) {
    try {
      OperatorTokenFile tokens = new OperatorTokenFile(config.dataDir());
      String token =
          tokens.create(
              EnumSet.of(Role.PROVISIONING, Role.CONTROL),
              Optional.empty(),
              Set.of(),
              SEEDING_TOKEN_LIFETIME,
              Instant.now());
      String id = OperatorTokenFile.idOf(token).orElseThrow();
      Runnable revoke =
          () -> {
            try {
              tokens.revoke(id);
            } catch (IOException e) {
              LOG.warn("Could not revoke the seeding token {}: {}", id, e.getMessage());
            }
          };
      if (!config.tlsEnabled()) {
        return new FleetSeeder(
            "http://" + host + ":" + port, SSLContext.getDefault(), token, revoke);
      }
      Path cert =
          config
              .tlsCertFile()
              .orElse(config.dataDir().resolve("tls").resolve(SelfSignedCertificate.CERT_FILE));
      return new FleetSeeder(
          "https://" + host + ":" + port, TrustedCertificate.context(cert), token, revoke);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("cannot prepare to load the fleet: " + e.getMessage(), e);
    }
  }

  public void seed(Fleet fleet) {
    try {
      seedAll(fleet);
    } finally {
      whenDone.run();
    }
  }

  private void seedAll(Fleet fleet) {
    int modelsThere = 0;
    List<String> devicesThere = new ArrayList<>();
    for (JsonObject model : fleet.models()) {
      modelsThere += post("/nipc/registrations/models", "application/sdf+json", model) ? 0 : 1;
    }
    for (JsonObject device : fleet.devices()) {
      // A device's radio address (BLE MAC, Zigbee EUI-64) is unique in the registry, so one a
      // previous start registered is refused with 409 rather than registered twice.
      if (!post("/scim/v2/Devices", "application/scim+json", device)) {
        devicesThere.add(device.getString("displayName", "?"));
      }
    }
    LOG.info(
        "Fleet loaded: {} of {} models and {} of {} devices newly registered{}",
        fleet.models().size() - modelsThere,
        fleet.models().size(),
        fleet.devices().size() - devicesThere.size(),
        fleet.devices().size(),
        modelsThere == 0 && devicesThere.isEmpty()
            ? ""
            : "; already there from an earlier start: "
                + modelsThere
                + " models, devices "
                + devicesThere);
  }

  /** True when created, false when it already existed; anything else is a broken fleet. */
  private boolean post(String path, String mediaType, JsonObject body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", mediaType)
            .header("Authorization", "Bearer " + token)
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
