package org.nipcgateway.core.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a gateway configuration from a JSON file and environment variables.
 *
 * <pre>{@code
 * { "http": { "host": "0.0.0.0", "port": 8443, "publicBaseUrl": "https://ap.example",
 *             "maxBodyBytes": 1048576, "eventLoops": 1, "tls": { "certFile": "cert.pem", "keyFile": "key.pem" } },
 *   "dataDir": "data", "logLevel": "INFO",
 *   "scim": { "maxResults": 1000 } }
 * }</pre>
 *
 * Any other top-level key must be a section of core ({@code radios}, {@code security}) or of an
 * installed module (here {@code scim}), which parses it. Environment variables override the file:
 * {@code NIPC_HTTP_HOST}, {@code NIPC_HTTP_PORT}, {@code NIPC_DATA_DIR}, {@code
 * NIPC_TLS_CERT_FILE}, {@code NIPC_TLS_KEY_FILE}, {@code NIPC_PUBLIC_BASE_URL}, {@code
 * NIPC_LOG_LEVEL}, {@code NIPC_MQTT_PORT}, {@code NIPC_MQTT_TLS_PORT}, {@code NIPC_INSECURE_HTTP},
 * {@code NIPC_HTTP_EVENT_LOOPS}, {@code NIPC_HTTP_COMPRESSION}, {@code NIPC_RATE_LIMIT} (requests
 * per second and client; the burst is twice that).
 */
public final class ConfigLoader {
  private final Map<String, String> environment;

  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Defaults, then the file (if any), then the environment. */
  public GatewayConfig.Builder load(Path configFile) {
    GatewayConfig.Builder builder = GatewayConfig.builder();
    if (configFile != null) {
      applyFile(builder, readJson(configFile));
    }
    applyEnvironment(builder);
    return builder;
  }

  private static JsonObject readJson(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException(
          "config file " + file + " is not a JSON object: " + e.getMessage(), e);
    }
  }

  private static void applyFile(GatewayConfig.Builder builder, JsonObject json) {
    Settings top = Settings.of("", json);
    Settings http = top.section("http");
    http.optionalString("host").ifPresent(builder::httpHost);
    http.optionalInteger("port", 0, 65535).ifPresent(builder::httpPort);
    http.optionalString("publicBaseUrl").ifPresent(builder::publicBaseUrl);
    http.optionalInteger("maxBodyBytes", 1024, Integer.MAX_VALUE).ifPresent(builder::maxBodyBytes);
    http.optionalFlag("insecure").ifPresent(builder::insecureHttp);
    http.optionalInteger("eventLoops", 1, 64).ifPresent(builder::httpEventLoops);
    http.optionalFlag("compression").ifPresent(builder::httpCompression);
    Settings tls = http.section("tls");
    tls.filePath("certFile").ifPresent(builder::tlsCertFile);
    tls.filePath("keyFile").ifPresent(builder::tlsKeyFile);
    http.rejectUnknownKeys();
    top.filePath("dataDir").ifPresent(builder::dataDir);
    top.optionalString("logLevel").ifPresent(builder::logLevel);
    // The rest belongs to core's sections and the modules; whether an installed module claims each
    // is checked when the gateway starts (GatewayConfig.rejectUnclaimedKeys).
    for (String key : json.fieldNames()) {
      if (!key.equals("http") && !key.equals("dataDir") && !key.equals("logLevel")) {
        builder.section(key, json.getValue(key));
      }
    }
  }

  private void applyEnvironment(GatewayConfig.Builder builder) {
    env("NIPC_HTTP_HOST", builder::httpHost);
    env("NIPC_HTTP_PORT", v -> builder.httpPort(parsePort(v, "NIPC_HTTP_PORT")));
    env("NIPC_DATA_DIR", v -> builder.dataDir(Path.of(v)));
    env("NIPC_TLS_CERT_FILE", v -> builder.tlsCertFile(Path.of(v)));
    env("NIPC_TLS_KEY_FILE", v -> builder.tlsKeyFile(Path.of(v)));
    env("NIPC_PUBLIC_BASE_URL", builder::publicBaseUrl);
    env("NIPC_LOG_LEVEL", builder::logLevel);
    env(
        "NIPC_MQTT_TLS_PORT",
        v ->
            builder.moduleSetting(
                "streaming", "mqtt", "tlsPort", parsePort(v, "NIPC_MQTT_TLS_PORT")));
    env("NIPC_INSECURE_HTTP", v -> builder.insecureHttp(Boolean.parseBoolean(v)));
    env(
        "NIPC_HTTP_EVENT_LOOPS",
        v -> builder.httpEventLoops(parseCount(v, "NIPC_HTTP_EVENT_LOOPS")));
    env("NIPC_HTTP_COMPRESSION", v -> builder.httpCompression(flag(v, "NIPC_HTTP_COMPRESSION")));
    env(
        "NIPC_RATE_LIMIT",
        v -> {
          try {
            double perSecond = Double.parseDouble(v);
            builder.moduleSetting("security", "rateLimit", "perSecond", perSecond);
            builder.moduleSetting("security", "rateLimit", "burst", Math.max(1, 2 * perSecond));
          } catch (NumberFormatException e) {
            throw new ConfigException("NIPC_RATE_LIMIT must be requests per second, got " + v, e);
          }
        });
    env(
        "NIPC_MQTT_PORT",
        v -> builder.moduleSetting("streaming", "mqtt", "port", parsePort(v, "NIPC_MQTT_PORT")));
  }

  private void env(String name, java.util.function.Consumer<String> apply) {
    String value = environment.get(name);
    if (value != null && !value.isBlank()) {
      apply.accept(value.trim());
    }
  }

  /** {@code true} or {@code false}: anything else is a mistake to name, not a silent "off". */
  private static boolean flag(String value, String source) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new ConfigException(source + " must be true or false, got '" + value + "'");
  }

  private static int parseCount(String value, String source) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(source + " must be a whole number, got '" + value + "'", e);
    }
  }

  /** Parses a port number given by an operator, failing with a message that names its source. */
  public static int parsePort(String value, String source) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new ConfigException(source + " must be a port between 0 and 65535, got " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new ConfigException(source + " must be a port number, got '" + value + "'", e);
    }
  }
}
