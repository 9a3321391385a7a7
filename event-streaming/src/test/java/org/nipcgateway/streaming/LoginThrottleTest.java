package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final LoginThrottle throttle = new LoginThrottle(3, now::get);

  @Test
  void a_key_is_locked_once_it_failed_more_often_than_its_limit() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("127.0.0.1");
      assertThat(throttle.locked("127.0.0.1")).isFalse();
    }
    throttle.failed("127.0.0.1");
    assertThat(throttle.locked("127.0.0.1")).isTrue();
    assertThat(throttle.locked("127.0.0.2")).isFalse();
  }

  @Test
  void a_locked_key_is_let_try_again_once_a_token_has_come_back() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("app");
    }
    now.addAndGet(TimeUnit.SECONDS.toNanos(19));
    assertThat(throttle.locked("app")).isTrue();
    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    assertThat(throttle.locked("app")).isFalse();
  }
}
