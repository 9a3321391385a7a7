package org.nipcgateway.streaming;

import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.nipcgateway.core.security.EndpointAppCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the embedded broker, and for what: a data app connects with its EndpointApp id as
 * user name and its SCIM client token as password, and may subscribe only under its own {@code
 * data-app/<id>/}. Nobody but the gateway publishes.
 */
final class DataAppAccess implements IAuthenticator, IAuthorizatorPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(DataAppAccess.class);
  private static final long CHECK_TIMEOUT_SECONDS = 5;

  private final EndpointAppCredentials credentials;
  // Which MQTT client ids logged in as which app, so that an app's sessions can be ended.
  private final java.util.Map<String, String> appOfClient =
      new java.util.concurrent.ConcurrentHashMap<>();

  DataAppAccess(EndpointAppCredentials credentials) {
    this.credentials = credentials;
  }

  /**
   * Called by the broker's own (Netty) threads, not Vert.x event loops; the check reads the
   * registry's in-memory copy, so waiting for it is brief.
   */
  @Override
  public boolean checkValid(String clientId, String username, byte[] password) {
    if (username == null || password == null) {
      return false;
    }
    try {
      boolean valid =
          credentials
              .verify(username, new String(password, StandardCharsets.UTF_8))
              .toCompletionStage()
              .toCompletableFuture()
              .get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!valid) {
        LOG.info("MQTT client {} refused: wrong credentials for {}", clientId, username);
      } else {
        appOfClient.put(clientId, username);
      }
      return valid;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      LOG.warn("MQTT credential check for {} failed: {}", username, e.toString());
      return false;
    }
  }

  /** The MQTT client ids that logged in as this app (some may have disconnected since). */
  java.util.List<String> clientsOf(String appId) {
    return appOfClient.entrySet().stream()
        .filter(e -> e.getValue().equals(appId))
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  void forget(String clientId) {
    appOfClient.remove(clientId);
  }

  @Override
  public boolean canRead(Topic topic, String user, String client) {
    return user != null && MqttTopics.ownedBy(topic.toString(), user);
  }

  @Override
  public boolean canWrite(Topic topic, String user, String client) {
    return false;
  }
}
