package org.nipcgateway.core.security;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One operator token as the token file keeps it: everything but the token itself, of which only a
 * salted hash is stored.
 *
 * @param id eight hex digits, also the visible part of the token; not a secret
 * @param client the SCIM client the token acts as, which then sees only the objects it created (and
 *     those of {@code sees}); none means the operator, who sees everything
 */
public record OperatorToken(
    String id,
    Set<Role> roles,
    Optional<String> client,
    Set<String> sees,
    Instant created,
    Instant expires,
    String salt,
    String hash) {

  public OperatorToken {
    roles = Set.copyOf(roles);
    sees = Set.copyOf(sees);
  }

  /** The caller this token authenticates. */
  public Principal principal() {
    if (client.isEmpty()) {
      return Principal.operator("token:" + id, roles);
    }
    String self = "client:" + client.get();
    Set<String> owners = new java.util.HashSet<>();
    owners.add(self);
    sees.forEach(other -> owners.add("client:" + other));
    return new Principal(self, roles, Optional.empty(), owners, "token");
  }
}
