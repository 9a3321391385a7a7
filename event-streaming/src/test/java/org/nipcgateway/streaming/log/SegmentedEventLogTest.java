package org.nipcgateway.streaming.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery log keeps what was not acknowledged, in order, across reopening and crashes. */
class SegmentedEventLogTest {
  private static final LogLimits ROOMY = new LogLimits(64L << 20, Duration.ofHours(24), true);

  @TempDir Path dir;
  private final SteppingClock clock = new SteppingClock();

  private List<LogRecord> events(int from, int count) {
    return IntStream.range(from, from + count)
        .mapToObj(
            i ->
                LogRecord.unsequenced(
                    clock.millis(),
                    "data-app/a/t",
                    ("event-" + i).getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  private static List<String> names(LogBatch batch) {
    return batch.records().stream().map(r -> new String(r.item(), StandardCharsets.UTF_8)).toList();
  }

  private List<String> drain(SegmentedEventLog log) throws IOException {
    List<String> all = new ArrayList<>();
    while (true) {
      LogBatch batch = log.read(100);
      if (batch.records().isEmpty()) {
        log.acknowledge(batch.acknowledgeUpTo());
        return all;
      }
      all.addAll(names(batch));
      log.acknowledge(batch.acknowledgeUpTo());
    }
  }

  @Test
  void events_come_back_in_order_and_only_acknowledged_ones_leave() throws IOException {
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, ROOMY, clock)) {
      log.append(events(0, 5));
      LogBatch first = log.read(3);
      assertThat(names(first)).containsExactly("event-0", "event-1", "event-2");
      assertThat(log.state().queued()).isEqualTo(5);

      log.acknowledge(first.acknowledgeUpTo());

      assertThat(log.state().queued()).isEqualTo(2);
      assertThat(names(log.read(10))).containsExactly("event-3", "event-4");
    }
  }

  @Test
  void what_was_not_acknowledged_is_read_again_after_reopening() throws IOException {
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, ROOMY, clock)) {
      log.append(events(0, 4));
      log.acknowledge(log.read(2).acknowledgeUpTo());
      log.read(2); // read, on its way, never acknowledged: the gateway stops here
    }
    try (SegmentedEventLog reopened = SegmentedEventLog.open(dir, ROOMY, clock)) {
      assertThat(reopened.state().queued()).isEqualTo(2);
      reopened.append(events(4, 1));
      assertThat(drain(reopened)).containsExactly("event-2", "event-3", "event-4");
    }
  }

  @Test
  void a_record_torn_by_a_crash_is_cut_off_and_new_events_follow_the_last_whole_one()
      throws IOException {
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, ROOMY, clock)) {
      log.append(events(0, 3));
    }
    Path segment = onlySegment();
    long whole = Files.size(segment);
    // Half a frame, as a crash in the middle of a write leaves it.
    Files.write(segment, new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);

    try (SegmentedEventLog reopened = SegmentedEventLog.open(dir, ROOMY, clock)) {
      assertThat(Files.size(segment)).isEqualTo(whole);
      reopened.append(events(3, 1));
      assertThat(drain(reopened)).containsExactly("event-0", "event-1", "event-2", "event-3");
    }
  }

  @Test
  void a_record_whose_checksum_fails_ends_the_valid_data() throws IOException {
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, ROOMY, clock)) {
      log.append(events(0, 3));
    }
    Path segment = onlySegment();
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 1] ^= 0x55; // the last record's item, damaged
    Files.write(segment, bytes);

    try (SegmentedEventLog reopened = SegmentedEventLog.open(dir, ROOMY, clock)) {
      assertThat(drain(reopened)).containsExactly("event-0", "event-1");
    }
  }

  @Test
  void a_damaged_acknowledged_offset_means_delivering_again_never_skipping() throws IOException {
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, ROOMY, clock)) {
      log.append(events(0, 3));
      log.acknowledge(log.read(2).acknowledgeUpTo());
    }
    Files.write(dir.resolve("acked"), new byte[] {1, 2, 3});

    try (SegmentedEventLog reopened = SegmentedEventLog.open(dir, ROOMY, clock)) {
      assertThat(drain(reopened)).containsExactly("event-0", "event-1", "event-2");
    }
  }

  @Test
  void at_the_size_bound_the_oldest_events_are_dropped_and_counted() throws IOException {
    LogLimits small = new LogLimits(16_384, Duration.ofHours(24), false);
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, small, clock)) {
      for (int i = 0; i < 1000; i++) {
        log.append(events(i, 1));
      }
      LogState state = log.state();
      assertThat(state.bytes()).isLessThanOrEqualTo(16_384 + 4096);
      assertThat(state.droppedQueueFull()).isGreaterThan(0);
      assertThat(state.queued() + state.droppedQueueFull()).isEqualTo(1000);

      List<String> left = drain(log);
      // What is left is the newest events, in order, ending with the last one.
      assertThat(left).hasSize((int) state.queued()).last().isEqualTo("event-999");
      assertThat(left.get(0)).isEqualTo("event-" + state.droppedQueueFull());
    }
  }

  @Test
  void events_read_but_not_acknowledged_that_the_size_bound_removes_are_counted_apart()
      throws IOException {
    LogLimits small = new LogLimits(16_384, Duration.ofHours(24), false);
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, small, clock)) {
      log.append(events(0, 100));
      // Read for delivery (say, held for the embedded broker's replay), never acknowledged.
      assertThat(names(log.read(100))).hasSize(100);
      for (int i = 100; i < 1000; i++) {
        log.append(events(i, 1));
      }
      LogState state = log.state();

      assertThat(state.evictedUnacknowledged()).isEqualTo(100);
      assertThat(state.droppedQueueFull())
          .as("only what was never read counts as dropped")
          .isGreaterThan(0);
      assertThat(state.queued() + state.droppedQueueFull() + state.evictedUnacknowledged())
          .isEqualTo(1000);
    }
  }

  @Test
  void reading_on_after_a_batch_that_ended_exactly_at_a_segments_end_was_acknowledged()
      throws IOException {
    LogLimits small = new LogLimits(16_384, Duration.ofHours(24), false); // 4 KB segments
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, small, clock)) {
      log.append(events(0, 1));
      long perSegment = 4096 / log.state().bytes() + 1; // events until the segment is full
      log.append(events(1, (int) perSegment - 1));
      log.append(events((int) perSegment, 5)); // these start the second segment
      LogBatch first = log.read((int) perSegment);
      log.acknowledge(first.acknowledgeUpTo()); // the first segment goes, the cursor was at its end

      assertThat(names(log.read(100)))
          .containsExactly(
              IntStream.range((int) perSegment, (int) perSegment + 5)
                  .mapToObj(i -> "event-" + i)
                  .toArray(String[]::new));
    }
  }

  @Test
  void events_past_the_age_bound_are_skipped_and_counted() throws IOException {
    LogLimits hour = new LogLimits(64L << 20, Duration.ofHours(1), false);
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, hour, clock)) {
      log.append(events(0, 3));
      clock.advance(Duration.ofMinutes(61));
      log.append(events(3, 2));

      assertThat(drain(log)).containsExactly("event-3", "event-4");
      assertThat(log.state().droppedExpired()).isEqualTo(3);
      assertThat(log.state().queued()).isZero();
    }
  }

  @Test
  void the_oldest_queued_event_is_reported_with_when_it_was_queued() throws IOException {
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, ROOMY, clock)) {
      assertThat(log.state().oldestQueuedMillis()).isEqualTo(-1);
      long queuedAt = clock.millis();
      log.append(events(0, 1));
      clock.advance(Duration.ofSeconds(5));
      log.append(events(1, 1));

      assertThat(log.state().oldestQueuedMillis()).isEqualTo(queuedAt);
      log.read(1);
      assertThat(log.state().oldestQueuedMillis()).isEqualTo(queuedAt);
    }
  }

  private Path onlySegment() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(LogSegment::isSegment).findFirst().orElseThrow();
    }
  }

  @Test
  void rewinding_reads_again_what_was_read_but_not_acknowledged_across_segments()
      throws IOException {
    LogLimits small = new LogLimits(64 * 1024, Duration.ofHours(24), true); // 8 KiB segments
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, small, clock)) {
      log.append(events(0, 1000));
      LogBatch first = log.read(300);
      log.acknowledge(first.acknowledgeUpTo());
      LogBatch held = log.read(500);
      assertThat(names(held)).first().isEqualTo("event-300");

      log.rewind();

      assertThat(log.state().queued()).isEqualTo(700);
      assertThat(drain(log))
          .isEqualTo(IntStream.range(300, 1000).mapToObj(i -> "event-" + i).toList());
    }
  }
}
