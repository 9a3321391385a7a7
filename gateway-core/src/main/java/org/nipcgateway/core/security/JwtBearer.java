package org.nipcgateway.core.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OAuth 2.0 access tokens in JWT form from an enterprise identity provider, checked by Vert.x's JWT
 * provider against the keys of a configured JWKS: signature, {@code exp}, {@code iss} and {@code
 * aud}. A token must carry {@code exp}, and expire at most {@code maxLifetimeMinutes} (default 24
 * hours) from now: a token that never expires, or in decades, is a permanent credential for whoever
 * copies it. The token's scopes ({@code scope} or {@code scp}) give the roles, through the {@code
 * scopes} map of the settings (by default a scope named like a role, or {@code nipc:<role>}, gives
 * that role). A JWT caller is a SCIM client of its own ({@code sub}) and is not limited to devices.
 *
 * <pre>{@code
 * "security": { "jwt": { "jwksFile": "idp-keys.json", "issuer": "https://idp.example",
 *                        "audience": "nipc-gateway", "scopes": { "devices.write": "provisioning" },
 *                        "maxLifetimeMinutes": 1440 } }
 * }</pre>
 */
public final class JwtBearer {
  private static final int LEEWAY_SECONDS = 30;

  private final JWTAuth provider;
  private final Map<String, Role> scopeRoles;
  private final String issuer;
  private final Duration maxLifetime;

  private JwtBearer(
      JWTAuth provider, Map<String, Role> scopeRoles, String issuer, Duration maxLifetime) {
    this.provider = provider;
    this.scopeRoles = Map.copyOf(scopeRoles);
    this.issuer = issuer;
    this.maxLifetime = maxLifetime;
  }

  /** The verifier the settings describe, or empty when JWTs are not configured. */
  static Optional<JwtBearer> fromSettings(Vertx vertx, Optional<JwtSettings> settings) {
    return settings.map(
        jwt -> {
          JWTAuthOptions options =
              new JWTAuthOptions()
                  .setJWTOptions(
                      new JWTOptions()
                          .setIssuer(jwt.issuer())
                          .addAudience(jwt.audience())
                          .setLeeway(LEEWAY_SECONDS));
          for (Object key : jwt.keys()) {
            options.addJwk((JsonObject) key);
          }
          return new JwtBearer(
              JWTAuth.create(vertx, options), jwt.scopes(), jwt.issuer(), jwt.maxLifetime());
        });
  }

  /** Whether the text has the three dot-separated parts of a JWT. */
  public static boolean looksLikeOne(String token) {
    return token.chars().filter(c -> c == '.').count() == 2 && token.startsWith("ey");
  }

  /** The caller a valid token stands for; empty for an invalid or expired one, or no role. */
  public Future<Optional<Principal>> authenticate(String token) {
    return provider
        .authenticate(new TokenCredentials(token))
        .map(
            user -> {
              JsonObject claims = user.principal();
              if (!expiresInTime(user.get("exp"))) {
                return Optional.<Principal>empty();
              }
              Set<Role> roles = roles(claims);
              String subject = claims.getString("sub", "");
              if (roles.isEmpty() || subject.isEmpty()) {
                return Optional.<Principal>empty();
              }
              String id = "jwt:" + issuer + "#" + subject;
              return Optional.of(new Principal(id, roles, Optional.empty(), Set.of(id), "jwt"));
            })
        .otherwise(Optional.empty());
  }

  /**
   * Vert.x checks an {@code exp} that is there; one that is missing, or too far ahead, is ours to
   * refuse.
   */
  private boolean expiresInTime(Object expClaim) {
    // Vert.x moves exp from the principal to the user's attributes; User.get looks in both.
    if (!(expClaim instanceof Number exp)) {
      return false;
    }
    Instant latest = Instant.now().plus(maxLifetime).plusSeconds(LEEWAY_SECONDS);
    return exp.longValue() <= latest.getEpochSecond();
  }

  private Set<Role> roles(JsonObject claims) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Object scope = claims.getValue("scope", claims.getValue("scp"));
    Iterable<?> scopes =
        scope instanceof String text
            ? java.util.Arrays.asList(text.split(" "))
            : scope instanceof JsonArray array ? array : java.util.List.of();
    for (Object s : scopes) {
      Role role = scopeRoles.get(String.valueOf(s));
      if (role != null) {
        roles.add(role);
      }
    }
    return roles;
  }
}
