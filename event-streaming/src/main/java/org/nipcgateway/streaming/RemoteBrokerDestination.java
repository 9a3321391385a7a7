package org.nipcgateway.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nipcgateway.core.nipc.dataapp.DataApp;

/**
 * {@code mqttBroker} data apps: the gateway is a client of the app's own broker (URI {@code
 * host:port}, {@code mqtt://} or, with TLS and {@code brokerCACert}, {@code mqtts://}), logs in
 * with the registered user name and password and publishes each batch with QoS 1 on the
 * registration's {@code customTopic} or the draft's topic. A batch counts as sent when the broker
 * acknowledged it; a lost connection is opened again with the next batch.
 */
final class RemoteBrokerDestination implements Destination {
  /** Schemes that mean MQTT over TLS. */
  private static final Set<String> TLS_SCHEMES = Set.of("mqtts", "ssl");

  private final MqttClient client;
  private final String host;
  private final int port;
  private final String customTopic;
  private final Map<Integer, Promise<Void>> unacknowledged = new HashMap<>();
  private Future<Void> connected;

  RemoteBrokerDestination(Vertx vertx, DataApp app) {
    JsonNode broker = app.registration().path("mqttBroker");
    String uri = broker.path("URI").asText();
    URI parsed = URI.create(uri.contains("://") ? uri : "mqtt://" + uri);
    boolean tls = TLS_SCHEMES.contains(parsed.getScheme().toLowerCase(Locale.ROOT));
    this.host = parsed.getHost();
    this.port = parsed.getPort() > 0 ? parsed.getPort() : tls ? 8883 : 1883;
    this.customTopic = broker.path("customTopic").asText("");
    MqttClientOptions options =
        new MqttClientOptions()
            .setClientId("nipc-gateway-" + app.id())
            .setUsername(broker.path("username").asText(null))
            .setPassword(app.secrets().path("password").asText(null))
            .setAutoKeepAlive(true)
            .setCleanSession(true);
    options.setConnectTimeout(HttpDestinations.CONNECT_TIMEOUT_MS);
    if (tls) {
      options.setSsl(true);
      String ca = broker.path("brokerCACert").asText("");
      if (!ca.isBlank()) {
        options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(ca)));
      }
    }
    this.client = MqttClient.create(vertx, options);
    client.publishCompletionHandler(this::acknowledged);
    client.publishCompletionExpirationHandler(id -> failed(id, "the broker did not acknowledge"));
    client.closeHandler(v -> lost());
  }

  @Override
  public Future<Void> send(String topic, byte[] batch) {
    String target = customTopic.isBlank() ? topic : customTopic;
    return connection()
        .compose(
            v -> client.publish(target, Buffer.buffer(batch), MqttQoS.AT_LEAST_ONCE, false, false))
        .compose(
            packetId -> {
              Promise<Void> acknowledged = Promise.promise();
              synchronized (this) {
                unacknowledged.put(packetId, acknowledged);
              }
              return acknowledged.future();
            });
  }

  private synchronized Future<Void> connection() {
    if (connected == null || connected.failed()) {
      connected = client.connect(port, host).mapEmpty();
    }
    return connected;
  }

  private void acknowledged(int packetId) {
    Promise<Void> promise;
    synchronized (this) {
      promise = unacknowledged.remove(packetId);
    }
    if (promise != null) {
      promise.tryComplete();
    }
  }

  private void failed(int packetId, String why) {
    Promise<Void> promise;
    synchronized (this) {
      promise = unacknowledged.remove(packetId);
    }
    if (promise != null) {
      promise.tryFail(why);
    }
  }

  /** The connection dropped: what was not acknowledged failed (the queue retries it). */
  private void lost() {
    Map<Integer, Promise<Void>> pending;
    synchronized (this) {
      connected = null;
      pending = new HashMap<>(unacknowledged);
      unacknowledged.clear();
    }
    pending.values().forEach(p -> p.tryFail("the connection to the broker was lost"));
  }

  @Override
  public synchronized Future<Void> close() {
    Future<Void> open = connected;
    connected = null;
    return open != null && open.succeeded() ? client.disconnect() : Future.succeededFuture();
  }
}
