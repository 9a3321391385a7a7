package org.nipcgateway.streaming;

import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The MQTT broker data apps of type {@code mqttClient} connect to: Moquette, on the same Netty as
 * Vert.x. Sessions, subscriptions and the QoS 1 messages held for persistent sessions that are away
 * live in Moquette's H2 store under {@code <dataDir>/mqtt}, so they outlast a gateway restart; an
 * away session expires after the delivery queue's age bound, and holds at most {@link
 * BrokerLimits#queuedPerSession()} publications ({@link SessionBacklog}). Start and stop block
 * briefly; call them on a worker.
 */
final class EmbeddedBroker {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(EmbeddedBroker.class);

  /** The client id under which the gateway itself publishes. */
  private static final String PUBLISHER = "nipc-gateway";

  private final Server server = new Server();
  private final StreamingSettings settings;
  private final SessionBacklog backlog;

  /**
   * Seconds between Moquette's commits of its H2 store (its default is 30): what an away session's
   * queue took since the last commit is gone after a {@code kill -9}, so the delivery logs hold
   * what they published for longer than this ({@link StreamingSettings#replayHold()}).
   */
  static final int STORE_COMMIT_SECONDS = 1;

  private EmbeddedBroker(StreamingSettings settings, Consumer<String> sessionWentAway) {
    this.settings = settings;
    this.backlog = new SessionBacklog(settings.brokerLimits().queuedPerSession(), sessionWentAway);
  }

  /**
   * @param sessionWentAway told the data app id when one of its persistent sessions disconnects or
   *     drops off (on one of Moquette's threads): what Moquette had in flight to it is in memory
   *     only, and should be published again so that its persistent queue holds it
   */
  static EmbeddedBroker start(
      StreamingSettings streaming,
      DataAppAccess access,
      Path store,
      Consumer<String> sessionWentAway)
      throws IOException {
    Properties settings = new Properties();
    settings.setProperty(IConfig.HOST_PROPERTY_NAME, streaming.mqttHost());
    settings.setProperty(
        IConfig.PORT_PROPERTY_NAME,
        streaming.mqttPort() < 0 ? "disabled" : String.valueOf(streaming.mqttPort()));
    ISslContextCreator tls = null;
    if (streaming.tls().isPresent()) {
      StreamingSettings.Tls files = streaming.tls().get();
      settings.setProperty(IConfig.SSL_PORT_PROPERTY_NAME, String.valueOf(files.port()));
      // Read now, so a bad certificate stops the start with a message instead of failing later.
      SslContext context =
          SslContextBuilder.forServer(files.certFile().toFile(), files.keyFile().toFile())
              .protocols("TLSv1.3", "TLSv1.2")
              // The HTTPS listener's suites: without them Netty offers its defaults, which have
              // no ChaCha20-Poly1305 (the AEAD for devices without AES instructions).
              .ciphers(
                  org.nipcgateway.core.security.ServerCertificates.CIPHER_SUITES,
                  io.netty.handler.ssl.SupportedCipherSuiteFilter.INSTANCE)
              .build();
      tls = () -> context;
    }
    settings.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
    settings.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
    // mosquitto 2.x clients connect with an empty client id unless given one.
    settings.setProperty("allow_zero_byte_client_id", "true");
    settings.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
    org.nipcgateway.core.storage.OwnerOnly.createDirectories(store);
    settings.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
    settings.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, store.toString());
    // H2's MVStore: an append-only file with checksummed chunks, read back to the last good one.
    settings.setProperty(IConfig.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "h2");
    settings.setProperty(
        IConfig.PERSISTENT_CLIENT_EXPIRATION_PROPERTY_NAME,
        streaming.queueLimits().maxAge().toSeconds() + "s");
    // Write each publication out at once rather than on a flush timer.
    settings.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME, "immediate");
    settings.setProperty(
        io.moquette.BrokerConstants.AUTOSAVE_INTERVAL_PROPERTY_NAME,
        String.valueOf(STORE_COMMIT_SECONDS));
    int repaired = MoquetteStoreRepair.giveSessionsAnExpiry(store, java.time.Clock.systemUTC());
    if (repaired > 0) {
      LOG.info(
          "The MQTT store was not closed cleanly: {} persistent sessions given an expiry",
          repaired);
    }
    EmbeddedBroker broker = new EmbeddedBroker(streaming, sessionWentAway);
    broker.server.startServer(
        new MemoryConfig(settings), List.of(access, broker.backlog), tls, access, access);
    // Moquette creates its store files with the process's umask: sessions hold apps' events.
    org.nipcgateway.core.storage.OwnerOnly.restrictTree(store);
    return broker;
  }

  /** Where data apps connect: the plain port and the TLS port, each -1 when off. */
  JsonObject ports() {
    return new JsonObject()
        .put("port", settings.mqttPort())
        .put("tlsPort", settings.tls().map(StreamingSettings.Tls::port).orElse(-1));
  }

  /**
   * Publishes with QoS 1 to whoever subscribed to the topic (the gateway is the only publisher).
   */
  void publish(String topic, byte[] payload) {
    server.internalPublish(
        MqttMessageBuilders.publish()
            .topicName(topic)
            .retained(false)
            .qos(MqttQoS.AT_LEAST_ONCE)
            .payload(Unpooled.wrappedBuffer(payload))
            .build(),
        PUBLISHER);
  }

  /** How long what was published stays in the delivery logs after Moquette took it. */
  java.time.Duration replayHold() {
    return settings.replayHold();
  }

  SessionBacklog backlog() {
    return backlog;
  }

  /** Ends an MQTT client's session and drops its subscriptions. Blocking only briefly. */
  void disconnect(String clientId) {
    server.disconnectAndPurgeClientState(clientId);
  }

  void stop() {
    server.stopServer();
  }
}
