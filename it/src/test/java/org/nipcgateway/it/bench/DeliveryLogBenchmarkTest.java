package org.nipcgateway.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nipcgateway.streaming.log.LogBatch;
import org.nipcgateway.streaming.log.LogLimits;
import org.nipcgateway.streaming.log.LogRecord;
import org.nipcgateway.streaming.log.SegmentedEventLog;

/**
 * What one data app's delivery log costs on this machine's disk: events appended per second in
 * groups (one fsync per group, or none), then read and acknowledged per second, and the bytes on
 * disk. Prints figures; asserts only that nothing was lost. {@code mvn verify -Pbenchmark}.
 */
@Tag("benchmark")
class DeliveryLogBenchmarkTest {
  private static final int EVENTS = 100_000;
  private static final int GROUP = 20;
  private static final byte[] ITEM = new byte[110]; // about one GATT DataSubscription map

  @TempDir Path dir;

  @ParameterizedTest(name = "fsync {0}")
  @ValueSource(booleans = {true, false})
  void append_then_read_and_acknowledge(boolean fsync) throws Exception {
    LogLimits limits = new LogLimits(64L << 20, Duration.ofHours(24), fsync);
    try (SegmentedEventLog log = SegmentedEventLog.open(dir, limits, Clock.systemUTC())) {
      long start = System.nanoTime();
      for (int i = 0; i < EVENTS; i += GROUP) {
        List<LogRecord> group = new ArrayList<>(GROUP);
        for (int j = 0; j < GROUP; j++) {
          group.add(
              LogRecord.unsequenced(
                  System.currentTimeMillis(),
                  "data-app/0f8fad5b-d9cb-469f-a165-70867728950e/demo/sdfObject/button/sdfEvent/p",
                  ITEM));
        }
        log.append(group);
      }
      double appendSeconds = (System.nanoTime() - start) / 1e9;
      long bytes = log.state().bytes();
      start = System.nanoTime();
      long read = 0;
      while (true) {
        LogBatch batch = log.read(100);
        if (batch.records().isEmpty()) {
          break;
        }
        read += batch.records().size();
        log.acknowledge(batch.acknowledgeUpTo());
      }
      double readSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "DELIVERY-LOG fsync=%s events=%d group=%d append=%.0f events/s read+ack=%.0f events/s"
              + " diskBytes=%d (%.0f bytes/event)%n",
          fsync,
          EVENTS,
          GROUP,
          EVENTS / appendSeconds,
          read / readSeconds,
          bytes,
          bytes / (double) EVENTS);
      assertThat(read).isEqualTo(EVENTS);
    }
  }
}
