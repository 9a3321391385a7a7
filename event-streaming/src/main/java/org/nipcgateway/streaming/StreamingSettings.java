package org.nipcgateway.streaming;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.nipcgateway.core.config.ConfigException;

/**
 * The {@code streaming} config section: {@code mqtt.enabled} (default true), {@code mqtt.host}
 * (default: the HTTP host), {@code mqtt.port} (default 1883; 0 picks a free port), {@code
 * queueCapacity} (events per data app, default 10000) and {@code maxBatch} (events per publication,
 * default 100).
 */
record StreamingSettings(
    boolean mqttEnabled, String mqttHost, int mqttPort, int queueCapacity, int maxBatch) {

  static StreamingSettings of(JsonObject section, String httpHost) {
    try {
      JsonObject mqtt = section.getJsonObject("mqtt", new JsonObject());
      int port = mqtt.getInteger("port", 1883);
      if (port < 0 || port > 65535) {
        throw new ConfigException("streaming.mqtt.port must be 0 to 65535, got " + port);
      }
      int capacity = section.getInteger("queueCapacity", 10_000);
      int batch = section.getInteger("maxBatch", 100);
      if (capacity < 1 || batch < 1) {
        throw new ConfigException("streaming.queueCapacity and maxBatch must be at least 1");
      }
      return new StreamingSettings(
          mqtt.getBoolean("enabled", true),
          mqtt.getString("host", httpHost),
          port == 0 ? freePort() : port,
          capacity,
          batch);
    } catch (ClassCastException e) {
      throw new ConfigException("the streaming section is malformed: " + e.getMessage(), e);
    }
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
