package org.nipcgateway.core.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OAuth 2.0 access tokens in JWT form from an enterprise identity provider, checked by Vert.x's JWT
 * provider against the keys of a configured JWKS: signature, {@code exp}, {@code iss} and {@code
 * aud}. The token's scopes ({@code scope} or {@code scp}) give the roles, through the {@code
 * scopes} map of the settings (by default a scope named like a role, or {@code nipc:<role>}, gives
 * that role). A JWT caller is a SCIM client of its own ({@code sub}) and is not limited to devices.
 *
 * <pre>{@code
 * "security": { "jwt": { "jwksFile": "idp-keys.json", "issuer": "https://idp.example",
 *                        "audience": "nipc-gateway", "scopes": { "devices.write": "provisioning" } } }
 * }</pre>
 */
public final class JwtBearer {
  private final JWTAuth provider;
  private final Map<String, Role> scopeRoles;
  private final String issuer;

  private JwtBearer(JWTAuth provider, Map<String, Role> scopeRoles, String issuer) {
    this.provider = provider;
    this.scopeRoles = Map.copyOf(scopeRoles);
    this.issuer = issuer;
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
                          .setLeeway(30));
          for (Object key : jwt.keys()) {
            options.addJwk((JsonObject) key);
          }
          return new JwtBearer(JWTAuth.create(vertx, options), jwt.scopes(), jwt.issuer());
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
