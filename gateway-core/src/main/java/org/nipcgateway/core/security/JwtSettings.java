package org.nipcgateway.core.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;

/**
 * The {@code security.jwt} config section ({@link JwtBearer}): who issues the tokens, for which
 * audience, the keys that sign them (a JWKS inline as {@code jwks} or in {@code jwksFile}) and
 * which scope gives which role, and how far ahead a token's {@code exp} may be ({@code
 * maxLifetimeMinutes}, default 24 h).
 *
 * @param keys the JWKS's keys, each a JSON object
 * @param scopes every scope that gives a role: a role's label, {@code nipc:<label>} and the
 *     configured ones
 */
record JwtSettings(
    String issuer,
    String audience,
    JsonArray keys,
    Map<String, Role> scopes,
    java.time.Duration maxLifetime) {
  private static final long DEFAULT_MAX_LIFETIME_MINUTES = 24 * 60;

  /** Empty when JWTs are not configured. Blocking: reads the JWKS file when one is named. */
  static Optional<JwtSettings> from(Optional<Settings> section) {
    if (section.isEmpty() || section.get().isEmpty()) {
      return Optional.empty();
    }
    Settings jwt = section.get();
    String issuer = required(jwt, "issuer");
    String audience = required(jwt, "audience");
    Optional<JsonObject> inline = jwt.document("jwks");
    Optional<Path> file = jwt.filePath("jwksFile");
    JsonArray keys = keys(jwt, inline.isPresent() ? inline.get() : read(jwt, file));
    Map<String, Role> scopes = new HashMap<>();
    for (Role role : Role.values()) {
      scopes.put(role.label(), role);
      scopes.put("nipc:" + role.label(), role);
    }
    Settings mapped = jwt.section("scopes");
    for (String scope : mapped.keys()) {
      String label = mapped.requiredString(scope);
      try {
        scopes.put(scope, Role.parse(label));
      } catch (IllegalArgumentException e) {
        throw mapped.invalid(scope, e.getMessage());
      }
    }
    long lifetime =
        jwt.longValue("maxLifetimeMinutes", DEFAULT_MAX_LIFETIME_MINUTES, 1, 100L * 365 * 24 * 60);
    return Optional.of(
        new JwtSettings(
            issuer, audience, keys, Map.copyOf(scopes), java.time.Duration.ofMinutes(lifetime)));
  }

  private static JsonObject read(Settings jwt, Optional<Path> file) {
    Path jwks =
        file.orElseThrow(
            () -> jwt.invalid("jwksFile", "is required when JWTs are configured (or jwks)"));
    try {
      return new JsonObject(Files.readString(jwks));
    } catch (IOException | RuntimeException e) {
      throw jwt.invalid("jwksFile", "cannot be read as a JWKS (" + jwks + "): " + e.getMessage());
    }
  }

  private static JsonArray keys(Settings jwt, JsonObject jwks) {
    Object keys = jwks.getValue("keys", new JsonArray());
    if (!(keys instanceof JsonArray array)
        || !array.stream().allMatch(JsonObject.class::isInstance)) {
      throw new ConfigException(
          "config key '" + jwt.keyPath("jwks") + "': every JWKS key must be a JSON object");
    }
    return array;
  }

  private static String required(Settings jwt, String key) {
    String value = jwt.optionalString(key).orElse("");
    if (value.isBlank()) {
      throw jwt.invalid(key, "is required when JWTs are configured");
    }
    return value;
  }
}
