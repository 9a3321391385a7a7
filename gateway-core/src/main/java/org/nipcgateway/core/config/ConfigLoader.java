package org.nipcgateway.core.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads a gateway configuration from a JSON file and environment variables.
 *
 * <pre>{@code
 * { "http": { "host": "0.0.0.0", "port": 8443, "publicBaseUrl": "https://ap.example",
 *             "maxBodyBytes": 1048576, "tls": { "certFile": "cert.pem", "keyFile": "key.pem" } },
 *   "dataDir": "data", "logLevel": "INFO",
 *   "scim": { "maxResults": 1000 } }
 * }</pre>
 *
 * Any other top-level object is a module's section (here {@code scim}). Environment variables
 * override the file: {@code NIPC_HTTP_HOST}, {@code NIPC_HTTP_PORT}, {@code NIPC_DATA_DIR}, {@code
 * NIPC_TLS_CERT_FILE}, {@code NIPC_TLS_KEY_FILE}, {@code NIPC_PUBLIC_BASE_URL}, {@code
 * NIPC_LOG_LEVEL}, {@code NIPC_MQTT_PORT}, {@code NIPC_MQTT_TLS_PORT}, {@code NIPC_INSECURE_HTTP},
 * {@code NIPC_RATE_LIMIT} (requests per second and client; the burst is twice that).
 */
public final class ConfigLoader {
  private static final Set<String> CORE_KEYS = Set.of("http", "dataDir", "logLevel");

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
    try {
      JsonObject http = json.getJsonObject("http", new JsonObject());
      if (http.containsKey("host")) {
        builder.httpHost(http.getString("host"));
      }
      if (http.containsKey("port")) {
        builder.httpPort(http.getInteger("port"));
      }
      if (http.containsKey("publicBaseUrl")) {
        builder.publicBaseUrl(http.getString("publicBaseUrl"));
      }
      if (http.containsKey("maxBodyBytes")) {
        builder.maxBodyBytes(http.getInteger("maxBodyBytes"));
      }
      if (http.containsKey("insecure")) {
        builder.insecureHttp(http.getBoolean("insecure"));
      }
      JsonObject tls = http.getJsonObject("tls", new JsonObject());
      if (tls.getString("certFile") != null) {
        builder.tlsCertFile(Path.of(tls.getString("certFile")));
      }
      if (tls.getString("keyFile") != null) {
        builder.tlsKeyFile(Path.of(tls.getString("keyFile")));
      }
      if (json.containsKey("dataDir")) {
        builder.dataDir(Path.of(json.getString("dataDir")));
      }
      if (json.containsKey("logLevel")) {
        builder.logLevel(json.getString("logLevel"));
      }
      for (String key : json.fieldNames()) {
        if (CORE_KEYS.contains(key)) {
          continue;
        }
        if (!(json.getValue(key) instanceof JsonObject section)) {
          throw new ConfigException(
              "config key '" + key + "' is unknown (module sections are objects)");
        }
        builder.moduleSettings(key, section);
      }
    } catch (ClassCastException e) {
      throw new ConfigException("config file has a value of the wrong type: " + e.getMessage(), e);
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
