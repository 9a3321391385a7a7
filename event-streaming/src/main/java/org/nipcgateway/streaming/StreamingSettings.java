package org.nipcgateway.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.security.ServerTls;
import org.nipcgateway.streaming.log.LogLimits;

/**
 * The {@code streaming} config section: {@code mqtt.enabled} (default true), {@code mqtt.host}
 * (default: the HTTP host), {@code mqtt.port} (plain MQTT: off (-1) when the gateway speaks TLS,
 * else 1883; 0 picks a free port), {@code mqtt.tls} or {@code mqtt.tlsPort} (MQTT over TLS), {@code
 * maxBatch} (events per publication, default 100), the broker's per-app limits ({@link
 * BrokerLimits}) and each data app's delivery log ({@code queue}: {@code maxBytes}, default 64 MiB;
 * {@code maxAgeSeconds}, default 86400; {@code fsync}, default true; {@code maxRetryPauseSeconds},
 * default 30; {@code maxPendingBytes}, what may wait in memory for a slow disk, default 4 MiB) and
 * {@code mqtt.replayHoldSeconds} (how long what the embedded broker took stays in the log to be
 * published again, default 5, at least 2: decisions §37).
 */
record StreamingSettings(
    boolean mqttEnabled,
    String mqttHost,
    int mqttPort,
    Optional<Tls> tls,
    LogLimits queueLimits,
    Duration maxRetryPause,
    long maxPendingBytes,
    int maxBatch,
    BrokerLimits brokerLimits,
    Duration replayHold) {

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
    // Longer than the broker's store commit interval, or a kill -9 could lose what it took.
    Duration replayHold =
        Duration.ofSeconds(
            mqtt.integer("replayHoldSeconds", 5, EmbeddedBroker.STORE_COMMIT_SECONDS + 1, 3600));
    Settings queue = section.section("queue");
    LogLimits queueLimits =
        new LogLimits(
            queue.longValue("maxBytes", 64L << 20, 16_384, Long.MAX_VALUE),
            Duration.ofSeconds(queue.longValue("maxAgeSeconds", 86_400, 1, 10L * 365 * 86_400)),
            queue.flag("fsync", true));
    Duration maxPause = Duration.ofSeconds(queue.longValue("maxRetryPauseSeconds", 30, 1, 86_400));
    long maxPending = queue.longValue("maxPendingBytes", 4L << 20, 4096, 1L << 30);
    int batch = section.integer("maxBatch", 100, 1, 10_000);
    section.rejectUnknownKeys();
    return new StreamingSettings(
        enabled, host, port, tls, queueLimits, maxPause, maxPending, batch, limits, replayHold);
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
