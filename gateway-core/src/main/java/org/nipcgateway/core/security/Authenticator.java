package org.nipcgateway.core.security;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * Finds out who sent a request: a bearer token (an operator token, an OAuth 2.0 JWT or an endpoint
 * app's client token), else an endpoint app's client token in an {@code x-api-key} header (how apps
 * built on TieDie's NIPC SDK send it), else a TLS client certificate of an endpoint app. Empty when
 * the request carries no credentials, ones that do not hold, or both headers (which one would count
 * is no guess to make); the caller answers 401 either way, with the same limits.
 */
public final class Authenticator {
  private static final String APP = ScimNames.ENDPOINT_APP;
  private static final String BEARER = "bearer ";

  /** The header an endpoint app may carry its client token in instead of Authorization. */
  public static final String API_KEY_HEADER = "x-api-key";

  /**
   * {@link #API_KEY_HEADER} as a header name Vert.x looks up without hashing and encoding it on
   * each request.
   */
  static final CharSequence API_KEY = HttpHeaders.createOptimized(API_KEY_HEADER);

  /** How a client token in {@link #API_KEY_HEADER} shows in the audit log. */
  public static final String VIA_API_KEY = "client-token:x-api-key";

  private final ResourceStore store;
  private final OperatorTokens operatorTokens;
  private final Optional<JwtBearer> jwt;
  private final ClientCertificates certificates = new ClientCertificates();

  /** Which app (at which version) a client token was found to belong to. */
  private record TokenOwner(String appId, long version) {}

  private final VerifiedTokens<TokenOwner> clientTokens = new VerifiedTokens<>(4096);

  public Authenticator(
      ResourceStore store, OperatorTokens operatorTokens, Optional<JwtBearer> jwt) {
    this.store = store;
    this.operatorTokens = operatorTokens;
    this.jwt = jwt;
  }

  public Future<Optional<Principal>> authenticate(HttpServerRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    String apiKey = request.getHeader(API_KEY);
    if (authorization != null && apiKey != null) {
      return Future.succeededFuture(Optional.empty());
    }
    if (apiKey != null) {
      // Only an endpoint app's client token travels here: operator tokens and JWTs stay bearer.
      return clientToken(apiKey.trim(), VIA_API_KEY);
    }
    if (authorization != null) {
      if (authorization.length() <= BEARER.length()
          || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        return Future.succeededFuture(Optional.empty());
      }
      return bearer(authorization.substring(BEARER.length()).trim());
    }
    List<Certificate> chain = peerCertificates(request);
    if (chain.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return store
        .findAll(APP)
        .map(
            apps ->
                certificates
                    .appFor(chain, apps)
                    .flatMap(id -> apps.stream().filter(a -> a.id().equals(id)).findFirst())
                    .flatMap(app -> asPrincipal(app, "mtls")));
  }

  private Future<Optional<Principal>> bearer(String token) {
    if (OperatorTokens.looksLikeOne(token)) {
      return operatorTokens.authenticate(token);
    }
    if (jwt.isPresent() && JwtBearer.looksLikeOne(token)) {
      return jwt.get().authenticate(token);
    }
    return clientToken(token, "client-token");
  }

  private Future<Optional<Principal>> clientToken(String token, String via) {
    if (token.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    TokenOwner owner = clientTokens.get(token);
    if (owner == null) {
      return searchClientToken(token, via);
    }
    // The app as it is now: gone or changed since (deleted, retyped, new token) means look again.
    return store
        .find(owner.appId())
        .compose(
            app -> {
              if (app.isPresent() && app.get().version() == owner.version()) {
                return Future.succeededFuture(asPrincipal(app.get(), via));
              }
              clientTokens.forget(token);
              return searchClientToken(token, via);
            });
  }

  /** Every app's salted hash against the token: the first request with a token pays this. */
  private Future<Optional<Principal>> searchClientToken(String token, String via) {
    return store
        .findAll(APP)
        .map(
            apps -> {
              Optional<StoredResource> app =
                  apps.stream().filter(a -> ClientTokens.matches(a.secrets(), token)).findFirst();
              app.ifPresent(a -> clientTokens.put(token, new TokenOwner(a.id(), a.version())));
              return app.flatMap(a -> asPrincipal(a, via));
            });
  }

  /** An endpoint app's role follows from its type: control apps control, telemetry apps listen. */
  private static Optional<Principal> asPrincipal(StoredResource app, String method) {
    return switch (app.attributes().path("applicationType").asText()) {
      case "deviceControl" -> Optional.of(Principal.endpointApp(app.id(), Role.CONTROL, method));
      case "telemetry" -> Optional.of(Principal.endpointApp(app.id(), Role.DATA, method));
      default -> Optional.empty();
    };
  }

  private static List<Certificate> peerCertificates(HttpServerRequest request) {
    if (!request.isSSL()) {
      return List.of();
    }
    try {
      return request.connection().peerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }
}
