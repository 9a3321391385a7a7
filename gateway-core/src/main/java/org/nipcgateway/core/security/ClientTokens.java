package org.nipcgateway.core.security;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer tokens for endpoint apps. A token carries 256 random bits; only a salted SHA-256 of it is
 * stored (a slow password hash buys nothing for a value with that much entropy), so a token can be
 * shown once, when it is created, and never again. The SCIM registry issues tokens; the MQTT broker
 * (and later the HTTP API) checks them.
 */
public final class ClientTokens {
  public static final String SALT = "clientTokenSalt";
  public static final String HASH = "clientTokenHash";
  private static final int TOKEN_BYTES = 32;
  private static final int SALT_BYTES = 16;

  private final SecureRandom random = new SecureRandom();

  /** A new token for the client. */
  public String generate() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The secrets to store for a token: a fresh salt and the salted hash. */
  public ObjectNode secretsFor(String token) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    ObjectNode secrets = JsonNodeFactory.instance.objectNode();
    secrets.put(SALT, Base64.getEncoder().encodeToString(salt));
    secrets.put(HASH, Base64.getEncoder().encodeToString(hash(salt, token)));
    return secrets;
  }

  public static boolean hasToken(ObjectNode secrets) {
    return secrets.hasNonNull(HASH);
  }

  /** Whether the token is the one whose salted hash the secrets hold (in constant time). */
  public static boolean matches(ObjectNode secrets, String token) {
    return hasToken(secrets)
        && secrets.hasNonNull(SALT)
        && matches(secrets.get(SALT).asText(), secrets.get(HASH).asText(), token);
  }

  /** Whether the token hashes, with that base64 salt, to that base64 hash (in constant time). */
  public static boolean matches(String salt, String hash, String token) {
    if (token == null) {
      return false;
    }
    try {
      byte[] expected = Base64.getDecoder().decode(hash);
      return MessageDigest.isEqual(expected, hash(Base64.getDecoder().decode(salt), token));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] hash(byte[] salt, String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return sha256.digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
