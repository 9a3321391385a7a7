package org.nipcgateway.streaming;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Bounds what the embedded broker holds for a persistent session that is away (issue 15, finding
 * 4): Moquette queues every QoS 1 message for a disconnected session without limit, so the gateway
 * counts the publications for each app's away sessions and, past the bound, ends the session (its
 * queue goes with it, counted as {@code droppedSessionQueueFull}). Moquette's own session expiry
 * bounds the age. Sessions the gateway has not seen connect since it started are bounded by age
 * only until they connect again. It also tells the gateway when a persistent session went away, so
 * that what Moquette had in flight to it is published again into its persistent queue.
 */
final class SessionBacklog extends AbstractInterceptHandler {
  /** Publications held for one away session, by its MQTT client id. */
  private record Away(String appId, long[] held) {}

  private final long maxQueued;
  private final Consumer<String> wentAway;
  private final Map<String, String> persistentClients = new ConcurrentHashMap<>();
  private final Map<String, Away> away = new ConcurrentHashMap<>();

  /**
   * @param wentAway told the app id whenever one of its persistent sessions went away
   */
  SessionBacklog(long maxQueued, Consumer<String> wentAway) {
    this.maxQueued = maxQueued;
    this.wentAway = wentAway;
  }

  @Override
  public String getID() {
    return "nipc-session-backlog";
  }

  @Override
  public void onSessionLoopError(Throwable error) {
    // DataAppAccess logs these.
  }

  @Override
  public void onConnect(InterceptConnectMessage message) {
    away.remove(message.getClientID());
    if (message.isCleanSession() || message.getUsername() == null) {
      persistentClients.remove(message.getClientID());
    } else {
      persistentClients.put(message.getClientID(), message.getUsername());
    }
  }

  @Override
  public void onDisconnect(InterceptDisconnectMessage message) {
    wentAway(message.getClientID());
  }

  @Override
  public void onConnectionLost(InterceptConnectionLostMessage message) {
    wentAway(message.getClientID());
  }

  private void wentAway(String clientId) {
    String app = persistentClients.get(clientId);
    if (app != null) {
      away.put(clientId, new Away(app, new long[] {0}));
      wentAway.accept(app);
    }
  }

  /**
   * One publication went to the app's topics: the away sessions it is now held for, those over the
   * bound returned (to be ended) with what they held.
   */
  Map<String, Long> published(String appId) {
    Map<String, Long> ended = new ConcurrentHashMap<>();
    away.forEach(
        (client, session) -> {
          if (session.appId().equals(appId)) {
            synchronized (session) {
              if (++session.held()[0] > maxQueued) {
                ended.put(client, session.held()[0] - 1);
              }
            }
          }
        });
    ended
        .keySet()
        .forEach(
            client -> {
              away.remove(client);
              persistentClients.remove(client);
            });
    return ended;
  }
}
