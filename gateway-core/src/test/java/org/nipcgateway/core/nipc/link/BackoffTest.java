package org.nipcgateway.core.nipc.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

  @Test
  void waits_double_after_each_failure_and_never_longer_than_the_cap() {
    assertThat(backoff.delayMillis(1)).isEqualTo(500);
    assertThat(backoff.delayMillis(2)).isEqualTo(1000);
    assertThat(backoff.delayMillis(3)).isEqualTo(2000);
    assertThat(backoff.delayMillis(7)).isEqualTo(30_000);
    assertThat(backoff.delayMillis(1_000_000)).isEqualTo(30_000);
  }

  @Test
  void a_cap_below_the_first_wait_is_refused() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
