package org.nipcgateway.core.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.nipcgateway.core.config.ConfigException;

/**
 * Encrypts the secrets the gateway must be able to use again later (a data app's broker password,
 * its webhook headers) before they are stored: AES-256-GCM with a key from {@code NIPC_SECRET_KEY}
 * (base64, 32 bytes) or, by default, from {@code secret.key} in the data dir, created on first
 * start and readable by the owner only. Stored values look like {@code v1:<base64 of nonce and
 * ciphertext>}.
 */
public final class SecretBox {
  private static final String PREFIX = "v1:";
  private static final String KEY_FILE = "secret.key";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The key from the environment value when given, else from (or into) the data dir. Blocking. */
  public static SecretBox load(Path dataDir, Optional<String> keyFromEnvironment) {
    if (keyFromEnvironment.isPresent()) {
      return new SecretBox(decodeKey(keyFromEnvironment.get(), "NIPC_SECRET_KEY"));
    }
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new ConfigException("the data dir " + dataDir + " is a file, not a directory");
    }
    Path file = dataDir.resolve(KEY_FILE);
    try {
      if (!Files.exists(file)) {
        org.nipcgateway.core.storage.OwnerOnly.createDirectories(dataDir);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        createPrivate(file);
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
      }
      return new SecretBox(decodeKey(Files.readString(file).trim(), file.toString()));
    } catch (IOException e) {
      throw new ConfigException("cannot read or create the secret key " + file + ": " + e, e);
    }
  }

  /**
   * Creates the key file readable by its owner only before anything is written to it; fails if it
   * appeared meanwhile (another process made it), so an existing key is never replaced.
   */
  private static void createPrivate(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the data dir's own permissions protect the key.
      Files.createFile(file);
    }
  }

  /** A box with a key of its own (for tests). */
  public static SecretBox withRandomKey() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new SecretBox(key);
  }

  public String seal(String plain) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /** The plain value; fails for a value sealed with another key or changed since. */
  public String open(String sealed) {
    if (!sealed.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sealed value");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      return new String(
          cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the sealed value cannot be opened with this key", e);
    }
  }

  private static byte[] decodeKey(String base64, String source) {
    try {
      byte[] key = Base64.getDecoder().decode(base64);
      if (key.length != KEY_BYTES) {
        throw new ConfigException(source + " must hold a base64 key of 32 bytes");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + " is not base64", e);
    }
  }
}
