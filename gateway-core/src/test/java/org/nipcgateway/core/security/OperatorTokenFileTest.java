package org.nipcgateway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorTokenFileTest {
  @TempDir Path dir;

  @Test
  void a_created_token_is_stored_only_as_a_salted_hash_in_a_private_file() throws Exception {
    OperatorTokenFile file = new OperatorTokenFile(dir);
    String token =
        file.create(
            EnumSet.of(Role.CONTROL),
            Optional.empty(),
            Set.of(),
            Duration.ofDays(1),
            Instant.now());

    assertThat(token).startsWith("nipcop_").hasSizeGreaterThan(7 + 8 + 1 + 42);
    String stored = Files.readString(file.path());
    assertThat(stored).doesNotContain(token.substring(16));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
        .isEqualTo("rw-------");
    OperatorToken entry = file.read().get(0);
    assertThat(OperatorTokenFile.matches(entry, token)).isTrue();
    assertThat(OperatorTokenFile.matches(entry, token.substring(0, token.length() - 1) + "x"))
        .isFalse();
    assertThat(entry.principal().roles()).containsExactly(Role.CONTROL);
  }

  @Test
  void a_client_token_sees_its_own_and_granted_objects_and_an_operator_token_sees_all() {
    OperatorToken client =
        new OperatorToken(
            "0a0b0c0d",
            Set.of(Role.PROVISIONING),
            Optional.of("onboarder-b"),
            Set.of("onboarder-a"),
            Instant.EPOCH,
            Instant.MAX,
            "s",
            "h");
    assertThat(client.principal().seesScimObjectOf("client:onboarder-b")).isTrue();
    assertThat(client.principal().seesScimObjectOf("client:onboarder-a")).isTrue();
    assertThat(client.principal().seesScimObjectOf("client:onboarder-c")).isFalse();
    assertThat(Principal.operator("token:x", Set.of(Role.PROVISIONING)).seesScimObjectOf("any"))
        .isTrue();
  }

  @Test
  void revoking_removes_the_token() throws Exception {
    OperatorTokenFile file = new OperatorTokenFile(dir);
    String token =
        file.create(
            EnumSet.of(Role.DATA), Optional.empty(), Set.of(), Duration.ofDays(1), Instant.now());
    String id = OperatorTokenFile.idOf(token).orElseThrow();
    assertThat(file.revoke(id)).isTrue();
    assertThat(file.read()).isEmpty();
  }
}
