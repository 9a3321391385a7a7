package org.nipcgateway.streaming;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mqttClient} data apps: the embedded broker, on the draft's topic. The broker takes the
 * publication at once and holds it for each subscribed session, also one that is away with a
 * persistent session; an away session past its bound is ended here, and what it held counted.
 * Moquette keeps a session's in-flight publications in memory only and its queues reach the disk
 * once a second, so what it took stays in the app's log for {@link #replayHold()} (decisions §37).
 */
final class EmbeddedBrokerDestination implements Destination {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerDestination.class);
  static final String DROPPED_SESSION_QUEUE_FULL = "droppedSessionQueueFull";

  private final EmbeddedBroker broker;
  private final String dataAppId;
  private final Vertx vertx;
  private final DeliveryStats stats;

  EmbeddedBrokerDestination(
      EmbeddedBroker broker, String dataAppId, Vertx vertx, DeliveryStats stats) {
    this.broker = broker;
    this.dataAppId = dataAppId;
    this.vertx = vertx;
    this.stats = stats;
  }

  @Override
  public Duration replayHold() {
    return broker.replayHold();
  }

  @Override
  public Future<Void> send(String topic, byte[] batch) {
    broker.publish(topic, batch);
    Map<String, Long> ended = broker.backlog().published(dataAppId);
    if (!ended.isEmpty()) {
      ended
          .values()
          .forEach(held -> stats.count(dataAppId, "mqttClient", DROPPED_SESSION_QUEUE_FULL, held));
      vertx.executeBlocking(
          () -> {
            for (String client : ended.keySet()) {
              broker.disconnect(client);
              LOG.info(
                  "Ended the away MQTT session {} of data app {}: it held more than its bound",
                  client,
                  dataAppId);
            }
            return null;
          });
    }
    return Future.succeededFuture();
  }
}
