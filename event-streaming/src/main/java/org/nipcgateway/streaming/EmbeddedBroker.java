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
import java.util.List;
import java.util.Properties;

/**
 * The MQTT broker data apps of type {@code mqttClient} connect to: Moquette, on the same Netty as
 * Vert.x, in memory (a data app that is away misses nothing it has a session for while the gateway
 * runs; nothing survives a restart). Start and stop block briefly; call them on a worker.
 */
final class EmbeddedBroker {
  /** The client id under which the gateway itself publishes. */
  private static final String PUBLISHER = "nipc-gateway";

  private final Server server = new Server();
  private final StreamingSettings settings;

  private EmbeddedBroker(StreamingSettings settings) {
    this.settings = settings;
  }

  static EmbeddedBroker start(StreamingSettings streaming, DataAppAccess access)
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
    settings.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
    // Write each publication out at once rather than on a flush timer.
    settings.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME, "immediate");
    EmbeddedBroker broker = new EmbeddedBroker(streaming);
    broker.server.startServer(new MemoryConfig(settings), List.of(access), tls, access, access);
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

  /** Ends an MQTT client's session and drops its subscriptions. Blocking only briefly. */
  void disconnect(String clientId) {
    server.disconnectAndPurgeClientState(clientId);
  }

  void stop() {
    server.stopServer();
  }
}
