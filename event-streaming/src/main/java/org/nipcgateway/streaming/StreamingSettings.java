package org.nipcgateway.streaming;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.security.ServerTls;

/**
 * The {@code streaming} config section: {@code mqtt.enabled} (default true), {@code mqtt.host}
 * (default: the HTTP host), {@code mqtt.port} (plain MQTT: off (-1) when the gateway speaks TLS,
 * else 1883; 0 picks a free port), {@code mqtt.tls} or {@code mqtt.tlsPort} (MQTT over TLS), {@code
 * queueCapacity} (events per data app, default 10000) and {@code maxBatch} (events per publication,
 * default 100).
 */
record StreamingSettings(
    boolean mqttEnabled,
    String mqttHost,
    int mqttPort,
    Optional<Tls> tls,
    int queueCapacity,
    int maxBatch) {

  /** MQTT over TLS: where, and with which certificate chain and key (PEM files). */
  record Tls(int port, Path certFile, Path keyFile) {}

  /**
   * @param gatewayTls the gateway's own certificate: MQTT then speaks TLS with it (on {@code
   *     mqtt.tls.port} or {@code mqtt.tlsPort}, default 8883) and plain MQTT is off unless {@code
   *     mqtt.port} turns it on; without it (plain HTTP) plain MQTT listens on 1883
   */
  static StreamingSettings of(JsonObject section, String httpHost, Optional<ServerTls> gatewayTls) {
    try {
      JsonObject mqtt = section.getJsonObject("mqtt", new JsonObject());
      int defaultPort = gatewayTls.isPresent() ? -1 : 1883;
      int port = port(mqtt.getInteger("port", defaultPort), "streaming.mqtt.port", true);
      Optional<Tls> tls = Optional.empty();
      JsonObject tlsSection = mqtt.getJsonObject("tls");
      int tlsPort = mqtt.getInteger("tlsPort", 8883);
      if (tlsSection == null && gatewayTls.isPresent()) {
        tls =
            Optional.of(
                new Tls(
                    port(tlsPort, "streaming.mqtt.tlsPort", false),
                    gatewayTls.get().certFile(),
                    gatewayTls.get().keyFile()));
      }
      if (tlsSection != null) {
        String cert = tlsSection.getString("certFile");
        String key = tlsSection.getString("keyFile");
        if (cert == null || key == null) {
          throw new ConfigException("streaming.mqtt.tls needs certFile and keyFile");
        }
        tls =
            Optional.of(
                new Tls(
                    port(tlsSection.getInteger("port", tlsPort), "streaming.mqtt.tls.port", false),
                    Path.of(cert),
                    Path.of(key)));
      }
      int capacity = section.getInteger("queueCapacity", 10_000);
      int batch = section.getInteger("maxBatch", 100);
      if (capacity < 1 || batch < 1) {
        throw new ConfigException("streaming.queueCapacity and maxBatch must be at least 1");
      }
      return new StreamingSettings(
          mqtt.getBoolean("enabled", true),
          mqtt.getString("host", httpHost),
          port,
          tls,
          capacity,
          batch);
    } catch (ClassCastException e) {
      throw new ConfigException("the streaming section is malformed: " + e.getMessage(), e);
    }
  }

  /** A port setting: 0 picks a free port, -1 (where allowed) turns the listener off. */
  private static int port(int value, String name, boolean mayBeOff) {
    if (value == -1 && mayBeOff) {
      return -1;
    }
    if (value < 0 || value > 65535) {
      throw new ConfigException(
          name + " must be 0 to 65535" + (mayBeOff ? ", or -1" : "") + ", got " + value);
    }
    return value == 0 ? freePort() : value;
  }

  /** Moquette binds the port it is given, so "any free port" is chosen here. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
