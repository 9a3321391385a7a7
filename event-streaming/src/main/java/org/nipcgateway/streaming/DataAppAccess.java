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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.nipcgateway.core.security.EndpointAppCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the embedded broker, and for what: a data app connects with its EndpointApp id as
 * user name and its SCIM client token as password, and may subscribe only under its own {@code
 * data-app/<id>/}, within its {@link BrokerLimits}. Nobody but the gateway publishes. Wrong
 * passwords are limited per user name and per client address ({@link LoginThrottle}). Logins,
 * refusals and subscriptions are written to the audit log, with the client's address. As an
 * interceptor it forgets clients that went away.
 */
final class DataAppAccess extends AbstractInterceptHandler
    implements IAuthenticator, IAuthorizatorPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(DataAppAccess.class);
  private static final long CHECK_TIMEOUT_SECONDS = 5;

  private final EndpointAppCredentials credentials;
  private final BrokerLimits limits;
  private final MqttAudit audit;
  private final Supplier<Optional<String>> peerAddress;
  private final LoginThrottle failedPerUser;
  private final LoginThrottle failedPerAddress;
  private final AtomicBoolean toldAddressUnknown = new AtomicBoolean();
  // Which MQTT client ids are logged in as which app, from which address, so that an app's
  // sessions can be counted and ended, and its subscriptions audited with the address.
  private final Map<String, Login> loginOfClient = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> subscriptionsOfClient = new ConcurrentHashMap<>();

  private record Login(String app, String address) {}

  /**
   * @param peerAddress the address of the client whose CONNECT is being checked, asked on the
   *     thread that calls {@link #checkValid} ({@link ConnectingPeer#address()} in the broker)
   */
  DataAppAccess(
      EndpointAppCredentials credentials,
      BrokerLimits limits,
      MqttAudit audit,
      Supplier<Optional<String>> peerAddress) {
    this.credentials = credentials;
    this.limits = limits;
    this.audit = audit;
    this.peerAddress = peerAddress;
    // The same token buckets as HTTP's, at a login's pace: per user name against guessing one
    // app's token, per address against one client trying many names.
    this.failedPerUser = new LoginThrottle(limits.failedLoginsPerMinute(), System::nanoTime);
    this.failedPerAddress =
        new LoginThrottle(limits.failedLoginsPerAddressPerMinute(), System::nanoTime);
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
    String address = address();
    if (username == null || password == null) {
      audit.refused(clientId, username, address, "no credentials");
      return false;
    }
    if (address != null && failedPerAddress.locked(address)) {
      audit.refused(clientId, username, address, "too many wrong passwords from this address");
      return false;
    }
    if (failedPerUser.locked(username)) {
      audit.refused(clientId, username, address, "too many wrong passwords");
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
        LOG.info(
            "MQTT client {} from {} refused: wrong credentials for {}",
            clientId,
            address,
            username);
        audit.refused(clientId, username, address, "wrong credentials");
        failedPerUser.failed(username);
        if (address != null) {
          failedPerAddress.failed(address);
        }
        return false;
      }
      if (connectionsOf(username, clientId) >= limits.connectionsPerApp()) {
        audit.refused(clientId, username, address, "too many connections");
        return false;
      }
      loginOfClient.put(clientId, new Login(username, address));
      audit.loggedIn(clientId, username, address);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      LOG.warn("MQTT credential check for {} failed: {}", username, e.toString());
      return false;
    }
  }

  /** The CONNECT's client address, or null (then only the per-user limit applies). */
  private String address() {
    Optional<String> address = peerAddress.get();
    if (address.isEmpty() && toldAddressUnknown.compareAndSet(false, true)) {
      LOG.warn(
          "MQTT client addresses cannot be told (not on Moquette's Netty thread, or an SLF4J"
              + " binding without MDC): wrong passwords are limited per user name only");
    }
    return address.orElse(null);
  }

  /** Other clients logged in as the app (a client taking over its own id does not count). */
  private long connectionsOf(String appId, String clientId) {
    return loginOfClient.entrySet().stream()
        .filter(e -> e.getValue().app().equals(appId) && !e.getKey().equals(clientId))
        .count();
  }

  /** The MQTT client ids logged in as this app. */
  List<String> clientsOf(String appId) {
    return loginOfClient.entrySet().stream()
        .filter(e -> e.getValue().app().equals(appId))
        .map(Map.Entry::getKey)
        .toList();
  }

  void forget(String clientId) {
    loginOfClient.remove(clientId);
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
    Login login = loginOfClient.get(client);
    audit.subscribed(client, user, login == null ? null : login.address(), filter, allowed);
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
