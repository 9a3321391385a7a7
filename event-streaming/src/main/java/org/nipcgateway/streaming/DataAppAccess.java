package org.nipcgateway.streaming;

import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptUnsubscribeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.nipcgateway.core.security.EndpointAppCredentials;
import org.nipcgateway.core.security.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the embedded broker, and for what: a data app connects with its EndpointApp id as
 * user name and its SCIM client token as password, and may subscribe only under its own {@code
 * data-app/<id>/}, within its {@link BrokerLimits}. Nobody but the gateway publishes. Logins,
 * refusals and subscriptions are written to the audit log. As an interceptor it forgets clients
 * that went away.
 */
final class DataAppAccess extends AbstractInterceptHandler
    implements IAuthenticator, IAuthorizatorPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(DataAppAccess.class);
  private static final long CHECK_TIMEOUT_SECONDS = 5;

  private final EndpointAppCredentials credentials;
  private final BrokerLimits limits;
  private final MqttAudit audit;
  private final RateLimiter failedLogins;
  // Which MQTT client ids are logged in as which app, so that an app's sessions can be counted
  // and ended.
  private final Map<String, String> appOfClient = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> subscriptionsOfClient = new ConcurrentHashMap<>();
  private final Map<String, Long> throttledUntil = new ConcurrentHashMap<>();

  DataAppAccess(EndpointAppCredentials credentials, BrokerLimits limits, MqttAudit audit) {
    this.credentials = credentials;
    this.limits = limits;
    this.audit = audit;
    // Moquette tells the authenticator no client address, so wrong passwords are limited per user
    // name (an app id): the same token bucket as HTTP's, at a login's pace.
    this.failedLogins =
        new RateLimiter(
            limits.failedLoginsPerMinute() / 60.0,
            limits.failedLoginsPerMinute(),
            System::nanoTime);
  }

  @Override
  public String getID() {
    return "nipc-data-app-access";
  }

  /**
   * Called by the broker's own (Netty) threads, not Vert.x event loops; the check reads the
   * registry's in-memory copy, so waiting for it is brief.
   */
  @Override
  public boolean checkValid(String clientId, String username, byte[] password) {
    if (username == null || password == null) {
      audit.refused(clientId, username, "no credentials");
      return false;
    }
    if (throttledUntil.getOrDefault(username, 0L) > System.nanoTime()) {
      audit.refused(clientId, username, "too many wrong passwords");
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
        audit.refused(clientId, username, "wrong credentials");
        long wait = failedLogins.acquire(username);
        if (wait > 0) {
          throttledUntil.put(username, System.nanoTime() + TimeUnit.SECONDS.toNanos(wait));
        }
        return false;
      }
      if (connectionsOf(username, clientId) >= limits.connectionsPerApp()) {
        audit.refused(clientId, username, "too many connections");
        return false;
      }
      appOfClient.put(clientId, username);
      audit.loggedIn(clientId, username);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      LOG.warn("MQTT credential check for {} failed: {}", username, e.toString());
      return false;
    }
  }

  /** Other clients logged in as the app (a client taking over its own id does not count). */
  private long connectionsOf(String appId, String clientId) {
    return appOfClient.entrySet().stream()
        .filter(e -> e.getValue().equals(appId) && !e.getKey().equals(clientId))
        .count();
  }

  /** The MQTT client ids logged in as this app. */
  List<String> clientsOf(String appId) {
    return appOfClient.entrySet().stream()
        .filter(e -> e.getValue().equals(appId))
        .map(Map.Entry::getKey)
        .toList();
  }

  void forget(String clientId) {
    appOfClient.remove(clientId);
    subscriptionsOfClient.remove(clientId);
  }

  @Override
  public boolean canRead(Topic topic, String user, String client) {
    String filter = topic.toString();
    boolean allowed =
        user != null
            && filter.length() <= limits.topicLength()
            && MqttTopics.ownedBy(filter, user)
            && withinSubscriptionLimit(client, filter);
    audit.subscribed(client, user, filter, allowed);
    return allowed;
  }

  private boolean withinSubscriptionLimit(String client, String filter) {
    Set<String> held =
        subscriptionsOfClient.computeIfAbsent(client, c -> ConcurrentHashMap.newKeySet());
    synchronized (held) {
      if (held.contains(filter)) {
        return true;
      }
      if (held.size() >= limits.subscriptionsPerClient()) {
        return false;
      }
      held.add(filter);
      return true;
    }
  }

  @Override
  public boolean canWrite(Topic topic, String user, String client) {
    return false;
  }

  @Override
  public void onUnsubscribe(InterceptUnsubscribeMessage message) {
    Set<String> held = subscriptionsOfClient.get(message.getClientID());
    if (held != null) {
      held.remove(message.getTopicFilter());
    }
  }

  @Override
  public void onDisconnect(InterceptDisconnectMessage message) {
    forget(message.getClientID());
  }

  @Override
  public void onSessionLoopError(Throwable error) {
    LOG.warn("MQTT broker session error: {}", error.toString());
  }

  @Override
  public void onConnectionLost(InterceptConnectionLostMessage message) {
    forget(message.getClientID());
  }
}
