package org.nipcgateway.it.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * An OAuth 2.0 identity provider in the test: an RSA key made here, its public half as a JWKS for
 * the gateway's {@code security.jwt} settings, and signed access tokens, valid or expired.
 */
public final class TestIdentityProvider implements AutoCloseable {
  public static final String ISSUER = "https://idp.test";
  public static final String AUDIENCE = "nipc-gateway";

  private final Vertx vertx = Vertx.vertx();
  private final KeyPair keys;
  private final JWTAuth signer;

  public TestIdentityProvider() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(pem)));
  }

  /** The {@code security.jwt} settings that trust this provider. */
  public JsonObject settings() {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    JsonObject jwk =
        new JsonObject()
            .put("kty", "RSA")
            .put("alg", "RS256")
            .put("use", "sig")
            .put("n", base64Url(key.getModulus()))
            .put("e", base64Url(key.getPublicExponent()));
    return new JsonObject()
        .put("issuer", ISSUER)
        .put("audience", AUDIENCE)
        .put("jwks", new JsonObject().put("keys", new JsonArray().add(jwk)));
  }

  /** A token for {@code subject} with these space-separated scopes, valid for ten minutes. */
  public String token(String subject, String scopes) {
    return sign(subject, scopes, Instant.now().plusSeconds(600), ISSUER, AUDIENCE);
  }

  /** A token that expired an hour ago. */
  public String expired(String subject, String scopes) {
    return sign(subject, scopes, Instant.now().minusSeconds(3600), ISSUER, AUDIENCE);
  }

  public String sign(String subject, String scopes, Instant expires, String issuer, String aud) {
    return sign(
        claims(subject, scopes)
            .put("iss", issuer)
            .put("aud", aud)
            .put("exp", expires.getEpochSecond()));
  }

  /** A token without an {@code exp} claim: one that would never expire. */
  public String withoutExpiry(String subject, String scopes) {
    return sign(claims(subject, scopes));
  }

  private static JsonObject claims(String subject, String scopes) {
    return new JsonObject()
        .put("sub", subject)
        .put("scope", scopes)
        .put("iss", ISSUER)
        .put("aud", AUDIENCE)
        .put("iat", Instant.now().getEpochSecond() - 60);
  }

  private String sign(JsonObject claims) {
    return signer.generateToken(
        claims, new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true));
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0 && bytes.length > 1) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() {
    vertx.close();
  }
}
