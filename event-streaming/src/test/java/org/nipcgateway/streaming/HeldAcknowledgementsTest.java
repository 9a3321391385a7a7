package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a destination took is acknowledged in the log only once its hold passed, in order. */
class HeldAcknowledgementsTest {
  private final HeldAcknowledgements held = new HeldAcknowledgements();

  @Test
  void nothing_is_due_before_its_hold_passed_then_the_highest_due_offset_is() {
    held.add(10, 1000);
    held.add(20, 1500);
    held.add(30, 2000);

    assertThat(held.takeDue(999)).isEqualTo(-1);
    assertThat(held.takeDue(1600)).isEqualTo(20);
    assertThat(held.nextDueMillis()).isEqualTo(2000);
    assertThat(held.takeDue(5000)).isEqualTo(30);
    assertThat(held.isEmpty()).isTrue();
    assertThat(held.nextDueMillis()).isEqualTo(-1);
  }

  @Test
  void an_offset_held_for_less_time_waits_for_the_one_before_it() {
    held.add(10, 2000);
    held.add(20, 500); // e.g. expired events skipped: nothing to hold, but not past offset 10

    assertThat(held.takeDue(1000)).isEqualTo(-1);
    assertThat(held.takeDue(2000)).isEqualTo(20);
  }

  @Test
  void cleared_entries_are_never_due() {
    held.add(10, 1000);
    held.clear();

    assertThat(held.takeDue(5000)).isEqualTo(-1);
  }
}
