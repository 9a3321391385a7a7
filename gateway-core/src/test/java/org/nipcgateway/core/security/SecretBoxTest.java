package org.nipcgateway.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  @TempDir Path dir;

  @Test
  void a_sealed_value_opens_again_with_the_same_key_from_the_data_dir() throws Exception {
    String sealed = SecretBox.load(dir, Optional.empty()).seal("broker password");

    assertThat(sealed).startsWith("v1:").doesNotContain("broker password");
    assertThat(SecretBox.load(dir, Optional.empty()).open(sealed)).isEqualTo("broker password");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secret.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void the_same_value_seals_differently_each_time() {
    SecretBox box = SecretBox.withRandomKey();
    assertThat(box.seal("x")).isNotEqualTo(box.seal("x"));
  }

  @Test
  void another_key_or_a_changed_value_cannot_be_opened() {
    String sealed = SecretBox.withRandomKey().seal("secret");
    assertThatThrownBy(() -> SecretBox.withRandomKey().open(sealed))
        .isInstanceOf(IllegalArgumentException.class);

    SecretBox box = SecretBox.withRandomKey();
    String mine = box.seal("secret");
    String changed = mine.substring(0, mine.length() - 2) + (mine.endsWith("A=") ? "B=" : "A=");
    assertThatThrownBy(() -> box.open(changed)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_key_from_the_environment_must_be_32_bytes_of_base64() {
    assertThatThrownBy(() -> SecretBox.load(dir, Optional.of("c2hvcnQ=")))
        .hasMessageContaining("32 bytes");
    String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    SecretBox box = SecretBox.load(dir, Optional.of(key));
    assertThat(box.open(box.seal("v"))).isEqualTo("v");
    assertThat(dir.resolve("secret.key")).doesNotExist();
  }
}
