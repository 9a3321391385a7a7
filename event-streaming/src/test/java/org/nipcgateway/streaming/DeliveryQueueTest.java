package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  private DeliverySettings settings() {
    return new DeliverySettings(
        dir,
        new LogLimits(64L << 20, Duration.ofHours(1), true),
        10,
        Duration.ofMillis(400),
        Clock.systemUTC());
  }

  private DeliveryQueue queue(Destination destination) {
    return new DeliveryQueue(
        "app",
        "webhook",
        settings(),
        vertx.getOrCreateContext(),
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
}
