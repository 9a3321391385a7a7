package org.nipcgateway.core.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings a gateway runs with, after defaults, the config file, environment variables and
 * command-line options have been merged (in that order of precedence, last wins).
 *
 * <p>Sections ({@code "radios"}, {@code "security"} and the modules' {@code "scim"}, {@code
 * "streaming"} …) are kept as raw JSON so that each owner parses its own, through {@link
 * #settings(String)}.
 */
public final class GatewayConfig {
  /**
   * The top-level keys core owns; every other one must be a section an installed module claims
   * ({@link #rejectUnclaimedKeys}).
   */
  public static final Set<String> CORE_KEYS =
      Set.of("dataDir", "http", "logLevel", "metrics", "radios", "security");

  /** More loops than this only add threads on the small machines the gateway runs on. */
  private static final int MAX_EVENT_LOOPS = 64;

  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private final String httpHost;
  private final int httpPort;
  private final Path dataDir;
  private final Optional<Path> tlsCertFile;
  private final Optional<Path> tlsKeyFile;
  private final Optional<String> publicBaseUrl;
  private final int maxBodyBytes;
  private final int httpEventLoops;
  private final boolean httpCompression;
  private final String logLevel;
  private final Optional<Path> fleetFile;
  private final boolean demo;
  private final boolean insecureHttp;
  private final JsonObject modules;

  private GatewayConfig(Builder b) {
    this.httpHost = b.httpHost;
    this.httpPort = b.httpPort;
    this.dataDir = b.dataDir;
    this.tlsCertFile = Optional.ofNullable(b.tlsCertFile);
    this.tlsKeyFile = Optional.ofNullable(b.tlsKeyFile);
    this.publicBaseUrl =
        Optional.ofNullable(b.publicBaseUrl).map(GatewayConfig::stripTrailingSlash);
    this.maxBodyBytes = b.maxBodyBytes;
    this.httpEventLoops = b.httpEventLoops;
    this.httpCompression = b.httpCompression;
    this.logLevel = b.logLevel;
    this.fleetFile = Optional.ofNullable(b.fleetFile);
    this.demo = b.demo;
    this.insecureHttp = b.insecureHttp;
    this.modules = b.modules.copy();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String httpHost() {
    return httpHost;
  }

  /** The HTTP port to listen on; 0 asks the operating system for a free one (tests). */
  public int httpPort() {
    return httpPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Optional<Path> tlsCertFile() {
    return tlsCertFile;
  }

  public Optional<Path> tlsKeyFile() {
    return tlsKeyFile;
  }

  /**
   * TLS is on unless the operator asked for plain HTTP ({@code --insecure-http}); without a
   * configured certificate the gateway makes its own.
   */
  public boolean tlsEnabled() {
    return !insecureHttp;
  }

  /** The URL clients reach the gateway at, when it differs from what the request says. */
  public Optional<String> publicBaseUrl() {
    return publicBaseUrl;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * How many event loops parse, encrypt, compress and write HTTP (decisions §47); routing and the
   * engine stay on one of them whatever the number.
   */
  public int httpEventLoops() {
    return httpEventLoops;
  }

  /**
   * Whether responses are compressed for clients that accept it. Off unless configured: the
   * compressor sits in every connection's pipeline and cost 5 % of a NIPC read's CPU with nothing
   * to compress (decisions §56), while the gateway's answers are small and its clients near.
   */
  public boolean httpCompression() {
    return httpCompression;
  }

  public String logLevel() {
    return logLevel;
  }

  public Optional<Path> fleetFile() {
    return fleetFile;
  }

  /** Whether the demo fleet is loaded at start ({@code --no-demo} turns it off). */
  public boolean demo() {
    return demo;
  }

  /** The raw settings of one section, empty when the config has none. */
  public JsonObject moduleSettings(String module) {
    return Settings.of("", modules).document(module).orElseGet(JsonObject::new);
  }

  /** One section to parse, at its key path; empty when the config has none. */
  public Settings settings(String section) {
    return Settings.of(section, moduleSettings(section));
  }

  /**
   * Fails unless every top-level key is one of {@link #CORE_KEYS} or a section an installed module
   * claims, and every such section is an object.
   */
  public void rejectUnclaimedKeys(Set<String> moduleSections) {
    Settings top = Settings.of("", modules);
    Set<String> known = new TreeSet<>(CORE_KEYS);
    known.addAll(moduleSections);
    for (String key : known) {
      top.delegatedSection(key);
    }
    top.rejectUnknownKeys();
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.httpHost = httpHost;
    b.httpPort = httpPort;
    b.dataDir = dataDir;
    b.tlsCertFile = tlsCertFile.orElse(null);
    b.tlsKeyFile = tlsKeyFile.orElse(null);
    b.publicBaseUrl = publicBaseUrl.orElse(null);
    b.maxBodyBytes = maxBodyBytes;
    b.httpEventLoops = httpEventLoops;
    b.httpCompression = httpCompression;
    b.logLevel = logLevel;
    b.fleetFile = fleetFile.orElse(null);
    b.demo = demo;
    b.insecureHttp = insecureHttp;
    b.modules = modules.copy();
    return b;
  }

  /** Collects settings; {@link #build()} rejects inconsistent ones with a message for operators. */
  public static final class Builder {
    private String httpHost = "0.0.0.0";
    private int httpPort = 8443;
    private Path dataDir = Path.of("data");
    private Path tlsCertFile;
    private Path tlsKeyFile;
    private String publicBaseUrl;
    private int maxBodyBytes = 1024 * 1024;
    private int httpEventLoops = 1;
    private boolean httpCompression;
    private String logLevel = "INFO";
    private Path fleetFile;
    private boolean demo = true;
    private boolean insecureHttp;
    private JsonObject modules = new JsonObject();

    private Builder() {}

    public Builder httpHost(String host) {
      this.httpHost = host;
      return this;
    }

    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    public Builder tlsCertFile(Path file) {
      this.tlsCertFile = file;
      return this;
    }

    public Builder tlsKeyFile(Path file) {
      this.tlsKeyFile = file;
      return this;
    }

    public Builder publicBaseUrl(String url) {
      this.publicBaseUrl = url;
      return this;
    }

    public Builder httpEventLoops(int loops) {
      this.httpEventLoops = loops;
      return this;
    }

    public Builder httpCompression(boolean on) {
      this.httpCompression = on;
      return this;
    }

    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    public Builder logLevel(String level) {
      this.logLevel = level == null ? null : level.toUpperCase(Locale.ROOT);
      return this;
    }

    public Builder fleetFile(Path file) {
      this.fleetFile = file;
      return this;
    }

    public Builder demo(boolean demo) {
      this.demo = demo;
      return this;
    }

    public Builder insecureHttp(boolean insecure) {
      this.insecureHttp = insecure;
      return this;
    }

    /** Sets (replaces) the settings section of one module. */
    public Builder moduleSettings(String module, JsonObject settings) {
      this.modules.put(module, settings.copy());
      return this;
    }

    /** Keeps a top-level value as the config file gave it, for its owner (if any) to parse. */
    Builder section(String key, Object value) {
      this.modules.put(key, value);
      return this;
    }

    /** Sets one value inside a module's section unless it is set already. */
    public Builder moduleSettingIfAbsent(String module, String object, String key, Object value) {
      if (inner(module, object).map(inner -> inner.containsKey(key)).orElse(true)) {
        return this;
      }
      return moduleSetting(module, object, key, value);
    }

    /**
     * Sets one value inside a module's section, e.g. {@code ("streaming", "mqtt", "port", 0)};
     * where the config holds something other than an object there, that stays for its parser to
     * report.
     */
    public Builder moduleSetting(String module, String object, String key, Object value) {
      inner(module, object).ifPresent(inner -> inner.put(key, value));
      return this;
    }

    /** The object at {@code module.object}, made when missing; empty when a value is in the way. */
    private Optional<JsonObject> inner(String module, String object) {
      if (!modules.containsKey(module)) {
        modules.put(module, new JsonObject());
      }
      if (!(modules.getValue(module) instanceof JsonObject section)) {
        return Optional.empty();
      }
      if (!section.containsKey(object)) {
        section.put(object, new JsonObject());
      }
      return section.getValue(object) instanceof JsonObject inner
          ? Optional.of(inner)
          : Optional.empty();
    }

    public GatewayConfig build() {
      Objects.requireNonNull(httpHost, "http host");
      Objects.requireNonNull(dataDir, "data dir");
      if (httpPort < 0 || httpPort > 65535) {
        throw new ConfigException("HTTP port must be between 0 and 65535, got " + httpPort);
      }
      if ((tlsCertFile == null) != (tlsKeyFile == null)) {
        throw new ConfigException("TLS needs both a certificate file and a key file");
      }
      if (insecureHttp && tlsCertFile != null) {
        throw new ConfigException(
            "a TLS certificate is configured, so plain HTTP cannot be asked for");
      }
      if (httpEventLoops < 1 || httpEventLoops > MAX_EVENT_LOOPS) {
        throw new ConfigException(
            "http.eventLoops must be between 1 and " + MAX_EVENT_LOOPS + ", got " + httpEventLoops);
      }
      if (maxBodyBytes < 1024) {
        throw new ConfigException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
      }
      if (logLevel == null || !LOG_LEVELS.contains(logLevel)) {
        throw new ConfigException("log level must be one of " + LOG_LEVELS + ", got " + logLevel);
      }
      if (publicBaseUrl != null && !publicBaseUrl.matches("https?://[^/\\s]+(/\\S*)?")) {
        throw new ConfigException("publicBaseUrl must be an http(s) URL, got " + publicBaseUrl);
      }
      return new GatewayConfig(this);
    }
  }
}
