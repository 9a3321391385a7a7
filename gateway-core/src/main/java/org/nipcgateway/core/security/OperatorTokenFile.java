package org.nipcgateway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator tokens of one data dir, in {@code operator-tokens.json} (mode 0600). Tokens look
 * like {@code nipcop_<id>_<secret>}: the id finds the entry, the 256-bit secret is checked against
 * its salted hash. The file holds no token, so a copy of the data dir lets no one in.
 *
 * <p>Blocking file I/O: called by the command line, and by the gateway on a worker thread.
 */
public final class OperatorTokenFile {
  public static final String FILE_NAME = "operator-tokens.json";
  static final String PREFIX = "nipcop_";
  private static final int ID_LENGTH = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final ClientTokens secrets = new ClientTokens();
  private final SecureRandom random = new SecureRandom();

  public OperatorTokenFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  public Path path() {
    return file;
  }

  /** A new token, stored at once; the returned string is the only copy of it. */
  public String create(
      Set<Role> roles, Optional<String> client, Set<String> sees, Duration lifetime, Instant now)
      throws IOException {
    List<OperatorToken> tokens = new ArrayList<>(read());
    byte[] idBytes = new byte[ID_LENGTH / 2];
    random.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    String secret = secrets.generate();
    ObjectNode hashed = secrets.secretsFor(secret);
    tokens.add(
        new OperatorToken(
            id,
            roles,
            client,
            sees,
            now,
            now.plus(lifetime),
            hashed.get(ClientTokens.SALT).asText(),
            hashed.get(ClientTokens.HASH).asText()));
    write(tokens);
    return PREFIX + id + "_" + secret;
  }

  /** Removes the token with that id; false when there was none. */
  public boolean revoke(String id) throws IOException {
    List<OperatorToken> tokens = new ArrayList<>(read());
    boolean removed = tokens.removeIf(t -> t.id().equals(id));
    if (removed) {
      write(tokens);
    }
    return removed;
  }

  /** Every stored token; none when the file does not exist yet. */
  public List<OperatorToken> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root = JSON.readTree(file.toFile());
    List<OperatorToken> tokens = new ArrayList<>();
    for (JsonNode t : root.path("tokens")) {
      Set<Role> roles = EnumSet.noneOf(Role.class);
      t.path("roles").forEach(r -> roles.add(Role.parse(r.asText())));
      Set<String> sees = new LinkedHashSet<>();
      t.path("sees").forEach(s -> sees.add(s.asText()));
      tokens.add(
          new OperatorToken(
              t.path("id").asText(),
              roles,
              Optional.ofNullable(t.get("client")).map(JsonNode::asText),
              sees,
              Instant.parse(t.path("created").asText()),
              Instant.parse(t.path("expires").asText()),
              t.path("salt").asText(),
              t.path("hash").asText()));
    }
    return tokens;
  }

  /** The id part of a token of ours, or empty when the text is not shaped like one. */
  public static Optional<String> idOf(String token) {
    if (!token.startsWith(PREFIX) || token.length() < PREFIX.length() + ID_LENGTH + 2) {
      return Optional.empty();
    }
    int end = PREFIX.length() + ID_LENGTH;
    return token.charAt(end) == '_'
        ? Optional.of(token.substring(PREFIX.length(), end))
        : Optional.empty();
  }

  /** Whether {@code token} is the one stored as {@code entry}, compared in constant time. */
  static boolean matches(OperatorToken entry, String token) {
    String secret = token.substring(PREFIX.length() + ID_LENGTH + 1);
    return ClientTokens.matches(entry.salt(), entry.hash(), secret);
  }

  private void write(List<OperatorToken> tokens) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("tokens");
    for (OperatorToken t : tokens) {
      ObjectNode entry = array.addObject();
      entry.put("id", t.id());
      ArrayNode roles = entry.putArray("roles");
      t.roles().forEach(r -> roles.add(r.label()));
      t.client().ifPresent(c -> entry.put("client", c));
      ArrayNode sees = entry.putArray("sees");
      t.sees().forEach(sees::add);
      entry.put("created", t.created().toString());
      entry.put("expires", t.expires().toString());
      entry.put("salt", t.salt());
      entry.put("hash", t.hash());
    }
    org.nipcgateway.core.storage.OwnerOnly.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own protection applies
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
