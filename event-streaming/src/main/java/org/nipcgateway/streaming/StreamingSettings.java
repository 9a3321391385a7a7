package org.nipcgateway.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.security.ServerTls;

/**
 * The {@code streaming} config section: {@code mqtt.enabled} (default true), {@code mqtt.host}
 * (default: the HTTP host), {@code mqtt.port} (plain MQTT: off (-1) when the gateway speaks TLS,
 * else 1883; 0 picks a free port), {@code mqtt.tls} or {@code mqtt.tlsPort} (MQTT over TLS), {@code
 * queueCapacity} (events per data app, default 10000), {@code maxBatch} (events per publication,
 * default 100) and the broker's per-app limits ({@link BrokerLimits}).
 */
record StreamingSettings(
    boolean mqttEnabled,
    String mqttHost,
    int mqttPort,
    Optional<Tls> tls,
    int queueCapacity,
    int maxBatch,
    BrokerLimits brokerLimits) {

  /** MQTT over TLS: where, and with which certificate chain and key (PEM files). */
  record Tls(int port, Path certFile, Path keyFile) {}

  /**
   * @param gatewayTls the gateway's own certificate: MQTT then speaks TLS with it (on {@code
   *     mqtt.tls.port} or {@code mqtt.tlsPort}, default 8883) and plain MQTT is off unless {@code
   *     mqtt.port} turns it on; without it (plain HTTP) plain MQTT listens on 1883
   */
  static StreamingSettings of(Settings section, String httpHost, Optional<ServerTls> gatewayTls) {
    Settings mqtt = section.section("mqtt");
    boolean enabled = mqtt.flag("enabled", true);
    String host = mqtt.string("host", httpHost);
    int port = port(mqtt.integer("port", gatewayTls.isPresent() ? -1 : 1883, -1, 65535));
    int tlsPort = mqtt.integer("tlsPort", 8883, 0, 65535);
    Optional<Settings> tlsSection = mqtt.optionalSection("tls");
    Optional<Tls> tls = Optional.empty();
    if (tlsSection.isEmpty() && gatewayTls.isPresent()) {
      tls =
          Optional.of(
              new Tls(port(tlsPort), gatewayTls.get().certFile(), gatewayTls.get().keyFile()));
    }
    if (tlsSection.isPresent()) {
      Settings files = tlsSection.get();
      tls =
          Optional.of(
              new Tls(
                  port(files.integer("port", tlsPort, 0, 65535)),
                  files.filePath("certFile").orElseThrow(() -> needsFiles(files)),
                  files.filePath("keyFile").orElseThrow(() -> needsFiles(files))));
    }
    BrokerLimits limits = BrokerLimits.from(mqtt);
    int capacity = section.integer("queueCapacity", 10_000, 1, Integer.MAX_VALUE);
    int batch = section.integer("maxBatch", 100, 1, Integer.MAX_VALUE);
    section.rejectUnknownKeys();
    return new StreamingSettings(enabled, host, port, tls, capacity, batch, limits);
  }

  private static ConfigException needsFiles(Settings tls) {
    return new ConfigException(tls.keyPath() + " needs certFile and keyFile");
  }

  /** A port setting in range: 0 picks a free port, -1 (where allowed) turns the listener off. */
  private static int port(int value) {
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
