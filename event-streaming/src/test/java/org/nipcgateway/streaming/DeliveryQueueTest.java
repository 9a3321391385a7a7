package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.core.events.RadioSignal;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.streaming.log.LogLimits;

/** A data app's queue holds events on disk until its destination takes them, in order. */
class DeliveryQueueTest {
  private final Vertx vertx = Vertx.vertx();
  private final DeliveryStats stats =
      new DeliveryStats(org.nipcgateway.core.metrics.GatewayMetrics.none());
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private DeliverySettings settings(long maxPendingBytes) {
    return new DeliverySettings(
        dir,
        new LogLimits(64L << 20, Duration.ofHours(1), true),
        10,
        Duration.ofMillis(400),
        maxPendingBytes,
        Clock.systemUTC());
  }

  private DeliveryQueue queue(Destination destination) {
    return queue(destination, 4L << 20, vertx.getOrCreateContext());
  }

  private DeliveryQueue queue(Destination destination, long maxPendingBytes, Context context) {
    return new DeliveryQueue(
        "app",
        "webhook",
        settings(maxPendingBytes),
        context,
        destination,
        new DataBatchEncoder(),
        stats,
        new LogWorker(vertx));
  }

  private static DeviceEvent event(int i) {
    return new DeviceEvent(
        "device-" + i,
        "e",
        "demo/sdfObject/button/sdfEvent/pressed",
        Instant.now(),
        new RadioSignal.BleNotification(
            BleAddress.parse("C1:5C:00:00:00:01"),
            new GattCharacteristic("1809", "2A1C"),
            new byte[] {1},
            false));
  }

  private static List<String> devices(int count) {
    return IntStream.range(0, count).mapToObj(i -> "device-" + i).toList();
  }

  @Test
  void a_destination_that_was_down_gets_every_queued_event_in_order_when_it_returns()
      throws Exception {
    FlakyDestination destination = new FlakyDestination().down(true);
    DeliveryQueue queue = queue(destination);
    for (int i = 0; i < 50; i++) {
      queue.offer(event(i));
    }
    destination.refusedAtLeast(3).get(10, TimeUnit.SECONDS);

    destination.down(false);

    assertThat(destination.received(50).get(10, TimeUnit.SECONDS)).isEqualTo(devices(50));
    assertThat(stats.json().getJsonObject("app").getLong("retries")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void events_queued_while_the_destination_is_down_outlive_the_queue() throws Exception {
    FlakyDestination down = new FlakyDestination().down(true);
    DeliveryQueue first = queue(down);
    for (int i = 0; i < 30; i++) {
      first.offer(event(i));
    }
    down.refusedAtLeast(1).get(10, TimeUnit.SECONDS);
    first.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    FlakyDestination back = new FlakyDestination();
    queue(back);

    assertThat(back.received(30).get(10, TimeUnit.SECONDS)).isEqualTo(devices(30));
  }

  @Test
  void events_waiting_for_a_stalled_disk_are_bounded_and_the_oldest_dropped_counted()
      throws Exception {
    Context context = vertx.getOrCreateContext();
    FlakyDestination destination = new FlakyDestination();
    DeliveryQueue queue = queue(destination, 4096, context);
    CountDownLatch disk = new CountDownLatch(1);
    CountDownLatch stalled = new CountDownLatch(1);
    // The log's one worker thread is busy: as a disk that stopped answering would keep it.
    new LogWorker(vertx)
        .run(
            () -> {
              stalled.countDown();
              disk.await();
              return null;
            });
    assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 500; i++) {
      queue.offer(event(i));
    }
    CompletableFuture<Void> offered = new CompletableFuture<>();
    context.runOnContext(v -> offered.complete(null));
    offered.get(10, TimeUnit.SECONDS);
    long dropped = stats.json().getJsonObject("app").getLong("droppedPendingFull");
    int waiting = queue.json().getInteger("pendingWrite");

    disk.countDown();

    assertThat(dropped).isGreaterThan(400);
    assertThat(waiting).isLessThan(100);
    List<String> received = destination.received((int) (500 - dropped)).get(10, TimeUnit.SECONDS);
    assertThat(received).hasSize((int) (500 - dropped));
    // In order, and the newest arrive: what went was the oldest of what waited (a batch already
    // handed to the log before the disk stalled is not waiting, so it may survive older drops).
    assertThat(received.stream().map(d -> Integer.parseInt(d.substring("device-".length()))))
        .isSorted();
    assertThat(received).endsWith(devices(500).subList(490, 500).toArray(String[]::new));
  }

  @Test
  void what_a_destination_took_within_its_replay_hold_is_sent_again_when_asked_and_after_a_restart()
      throws Exception {
    FlakyDestination broker = new FlakyDestination().holding(Duration.ofMinutes(1));
    DeliveryQueue first = queue(broker);
    for (int i = 0; i < 20; i++) {
      first.offer(event(i));
    }
    assertThat(broker.received(20).get(10, TimeUnit.SECONDS)).isEqualTo(devices(20));

    first.replayHeld();

    List<String> twice = broker.received(40).get(10, TimeUnit.SECONDS);
    assertThat(twice.subList(20, 40)).isEqualTo(devices(20));
    // The batch is counted once its last publication was taken: wait for that.
    until(() -> stats.json().getJsonObject("app").getLong("republished", 0L) == 20)
        .get(10, TimeUnit.SECONDS);
    assertThat(stats.json().getJsonObject("app").getLong("delivered")).isEqualTo(20);
    first.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    FlakyDestination restarted = new FlakyDestination();
    queue(restarted);

    assertThat(restarted.received(20).get(10, TimeUnit.SECONDS)).isEqualTo(devices(20));
  }

  @Test
  void what_a_destination_took_leaves_the_log_once_its_replay_hold_passed() throws Exception {
    FlakyDestination broker = new FlakyDestination().holding(Duration.ofMillis(200));
    DeliveryQueue queue = queue(broker);
    for (int i = 0; i < 20; i++) {
      queue.offer(event(i));
    }
    broker.received(20).get(10, TimeUnit.SECONDS);
    until(() -> queue.json().getLong("queued") == 0).get(10, TimeUnit.SECONDS);
    queue.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    FlakyDestination restarted = new FlakyDestination();
    queue(restarted).offer(event(99));

    assertThat(restarted.received(1).get(10, TimeUnit.SECONDS)).containsExactly("device-99");
  }

  /** Completes once the condition holds (checked on a timer, not by sleeping). */
  private CompletableFuture<Void> until(java.util.function.BooleanSupplier condition) {
    CompletableFuture<Void> reached = new CompletableFuture<>();
    vertx.setPeriodic(
        20,
        timer -> {
          if (condition.getAsBoolean()) {
            vertx.cancelTimer(timer);
            reached.complete(null);
          }
        });
    return reached;
  }
}
