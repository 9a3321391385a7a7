package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nipcgateway.streaming.log.LogRecord;

/** What waits in memory for the log's worker stays within its bound, the oldest dropped first. */
class PendingAppendsTest {

  private static LogRecord record(int i) {
    // 100 bytes with the record around it
    return LogRecord.unsequenced(i, "t", new byte[100 - PendingAppends.RECORD_OVERHEAD]);
  }

  @Test
  void events_within_the_bound_all_wait_in_order() {
    PendingAppends pending = new PendingAppends(1000);
    for (int i = 0; i < 10; i++) {
      assertThat(pending.add(record(i))).isZero();
    }
    assertThat(pending.bytes()).isEqualTo(1000);
    assertThat(pending.takeAll())
        .extracting(LogRecord::queuedAtMillis)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(pending.isEmpty()).isTrue();
    assertThat(pending.bytes()).isZero();
  }

  @Test
  void past_the_bound_the_oldest_waiting_events_are_dropped_and_counted() {
    PendingAppends pending = new PendingAppends(300);
    int dropped = 0;
    for (int i = 0; i < 10; i++) {
      dropped += pending.add(record(i));
    }
    assertThat(dropped).isEqualTo(7);
    assertThat(pending.size()).isEqualTo(3);
    assertThat(pending.takeAll()).extracting(LogRecord::queuedAtMillis).containsExactly(7L, 8L, 9L);
  }

  @Test
  void one_event_larger_than_the_bound_still_waits_alone() {
    PendingAppends pending = new PendingAppends(50);
    pending.add(record(0));
    assertThat(pending.add(record(1))).isEqualTo(1);
    assertThat(pending.takeAll()).extracting(LogRecord::queuedAtMillis).containsExactly(1L);
  }
}
