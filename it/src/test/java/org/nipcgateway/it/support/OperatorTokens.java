package org.nipcgateway.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.security.OperatorTokenFile;
import org.nipcgateway.core.security.Role;

/** Operator tokens for tests, made the way {@code nipc-gateway token create} makes them. */
public final class OperatorTokens {
  private OperatorTokens() {}

  /** A token with these roles (e.g. {@code "control"}) that sees every SCIM object. */
  public static String create(Path dataDir, String roles) {
    return create(dataDir, roles, Optional.empty(), Set.of(), Duration.ofDays(1));
  }

  /** A token acting as a SCIM client of its own, which sees what it and {@code sees} created. */
  public static String client(Path dataDir, String roles, String client, String... sees) {
    return create(dataDir, roles, Optional.of(client), Set.of(sees), Duration.ofDays(1));
  }

  public static String create(
      Path dataDir, String roles, Optional<String> client, Set<String> sees, Duration lifetime) {
    try {
      return new OperatorTokenFile(dataDir)
          .create(Role.parseList(roles), client, sees, lifetime, Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
