package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.CounterStream;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.MosquittoBroker;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.WebhookReceiver;
import org.nipcgateway.it.support.radio.RadioBench;
import org.nipcgateway.it.support.radio.SimulatedRow;

/**
 * Store-and-forward: a data app's webhook that answers 503 for a while, or its own mosquitto that
 * is stopped for a while, gets every event of the outage afterwards, in order, from the app's log
 * on disk; a log at its (small) bound drops the oldest events only and counts them. A counting
 * peripheral notifies every 5 ms (200 events/s). Prints the figures; asserts no timing.
 */
class StoreAndForwardTest {
  private static final int OUTAGE_SECONDS = 10;

  @TempDir Path dir;

  private static JsonNode stats(ScimClient http, String app) {
    return http.get("/streaming").json().path("dataApps").path(app);
  }

  private static GatewayConfig.Builder config(RadioBench bench, JsonObject queue) {
    return GatewayConfig.builder()
        .moduleSettings("radios", bench.radios())
        .moduleSettings("streaming", new JsonObject().put("queue", queue));
  }

  @Test
  void a_webhook_down_for_ten_seconds_gets_every_event_in_order_when_it_returns() throws Exception {
    try (RadioBench bench = new SimulatedRow().start(CounterStream.world(5));
        RunningGateway gateway =
            RunningGateway.start(config(bench, new JsonObject().put("maxRetryPauseSeconds", 2)));
        WebhookReceiver hook = WebhookReceiver.start()) {
      ScimClient http = gateway.scim();
      JsonNode app = CounterStream.provision(http);
      String id = app.path("id").asText();
      CounterStream.register(http, id, "webhook", new JsonObject().put("URI", hook.uri()));
      String instance = CounterStream.enable(http, app.path("deviceId").asText());
      Eventually.eventually("the stream flows", () -> hook.batches().size() >= 5);

      hook.down(true);
      long peakQueued = 0;
      long peakBytes = 0;
      long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(OUTAGE_SECONDS);
      while (System.nanoTime() < outageEnds) {
        TimeUnit.MILLISECONDS.sleep(500); // the outage itself, sampled for the figures
        JsonNode during = stats(http, id);
        peakQueued = Math.max(peakQueued, during.path("queued").asLong());
        peakBytes = Math.max(peakBytes, during.path("queuedBytes").asLong());
      }
      assertThat(stats(http, id).path("destination").path("state").asText()).isEqualTo("down");
      long drainStart = System.nanoTime();
      hook.down(false);
      Eventually.eventually(
          "what queued up during the outage is delivered",
          () -> stats(http, id).path("queued").asLong() < 50);
      double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
      assertThat(http.delete(instance).status()).isEqualTo(204);
      Eventually.eventually(
          "the queue is empty", () -> stats(http, id).path("queued").asLong() == 0);

      JsonNode after = stats(http, id);
      JsonNode counted = CounterStream.count(hook.batches());
      System.out.printf(
          "STORE-AND-FORWARD webhook outage=%ds received=%d repeats=%d missing=%d outOfOrder=%d"
              + " droppedQueueFull=%d peakQueued=%d peakQueuedBytes=%d drain=%.1fs (%.0f events/s)"
              + " retries=%d rssKb=%d%n",
          OUTAGE_SECONDS,
          counted.path("received").asLong(),
          counted.path("repeats").asLong(),
          counted.path("missing").asLong(),
          counted.path("outOfOrder").asLong(),
          after.path("droppedQueueFull").asLong(),
          peakQueued,
          peakBytes,
          drainSeconds,
          peakQueued / drainSeconds,
          after.path("retries").asLong(),
          CounterStream.rssKb(ProcessHandle.current().pid()));
      assertThat(counted.path("received").asLong()).isGreaterThanOrEqualTo(2000);
      assertThat(counted.path("missing").asLong()).isZero();
      assertThat(counted.path("outOfOrder").asLong()).isZero();
      assertThat(after.path("droppedQueueFull").asLong()).isZero();
      assertThat(peakQueued).isGreaterThan(1000);
    }
  }

  @Test
  void a_log_at_its_bound_drops_the_oldest_events_only_and_counts_them() throws Exception {
    try (RadioBench bench = new SimulatedRow().start(CounterStream.world(5));
        RunningGateway gateway =
            RunningGateway.start(
                config(
                    bench,
                    new JsonObject().put("maxBytes", 16_384).put("maxRetryPauseSeconds", 1)));
        WebhookReceiver hook = WebhookReceiver.start()) {
      ScimClient http = gateway.scim();
      JsonNode app = CounterStream.provision(http);
      String id = app.path("id").asText();
      CounterStream.register(http, id, "webhook", new JsonObject().put("URI", hook.uri()));
      String instance = CounterStream.enable(http, app.path("deviceId").asText());
      Eventually.eventually("the stream flows", () -> hook.batches().size() >= 5);

      hook.down(true);
      Eventually.eventually(
          "the log reached its bound",
          () -> stats(http, id).path("droppedQueueFull").asLong() > 200);
      long rssAtBoundKb = CounterStream.rssKb(ProcessHandle.current().pid());
      long droppedAtBound = stats(http, id).path("droppedQueueFull").asLong();
      // Keep the destination down while five times as many events again are dropped: what the
      // gateway holds must not grow with them (the figure is printed, the bound asserted).
      Eventually.eventually(
          "a thousand more events were dropped at the bound",
          java.time.Duration.ofSeconds(30),
          () -> stats(http, id).path("droppedQueueFull").asLong() > droppedAtBound + 1_000);
      long rssLaterKb = CounterStream.rssKb(ProcessHandle.current().pid());
      assertThat(stats(http, id).path("queuedBytes").asLong()).isLessThanOrEqualTo(16_384 + 4_096);
      assertThat(http.delete(instance).status()).isEqualTo(204);
      long queuedBytes = stats(http, id).path("queuedBytes").asLong();
      hook.down(false);
      Eventually.eventually(
          "the rest is delivered", () -> stats(http, id).path("queued").asLong() == 0);

      JsonNode after = stats(http, id);
      JsonNode counted = CounterStream.count(hook.batches());
      System.out.printf(
          "STORE-AND-FORWARD bound maxBytes=16384 queuedBytesAtBound=%d received=%d"
              + " droppedQueueFull=%d missing=%d outOfOrder=%d rssKbAtBound=%d"
              + " rssKbAfter1000MoreDropped=%d rssKbAtEnd=%d%n",
          queuedBytes,
          counted.path("received").asLong(),
          after.path("droppedQueueFull").asLong(),
          counted.path("missing").asLong(),
          counted.path("outOfOrder").asLong(),
          rssAtBoundKb,
          rssLaterKb,
          CounterStream.rssKb(ProcessHandle.current().pid()));
      assertThat(queuedBytes).isLessThanOrEqualTo(16_384 + 4_096);
      // Exactly the dropped events are missing, all of them in one run between the events before
      // the outage and the newest ones: the oldest of the queue went, nothing else.
      assertThat(counted.path("missing").asLong())
          .isEqualTo(after.path("droppedQueueFull").asLong());
      assertThat(counted.path("outOfOrder").asLong()).isZero();
    }
  }

  @Test
  void an_apps_mosquitto_stopped_for_ten_seconds_gets_every_event_in_order_when_it_returns()
      throws Exception {
    try (RadioBench bench = new SimulatedRow().start(CounterStream.world(5));
        RunningGateway gateway =
            RunningGateway.start(config(bench, new JsonObject().put("maxRetryPauseSeconds", 2)));
        MosquittoBroker broker = MosquittoBroker.startPersistent(dir, "ward", "s3cret-broker");
        MosquittoSub sub =
            MosquittoSub.startPersistent(broker.port(), "ward", "s3cret-broker", "#", "app-sub")) {
      assertThat(sub.granted()).isEqualTo(1);
      ScimClient http = gateway.scim();
      JsonNode app = CounterStream.provision(http);
      String id = app.path("id").asText();
      CounterStream.register(
          http,
          id,
          "mqttBroker",
          new JsonObject()
              .put("URI", "127.0.0.1:" + broker.port())
              .put("username", "ward")
              .put("password", "s3cret-broker"));
      String instance = CounterStream.enable(http, app.path("deviceId").asText());
      Eventually.eventually("the stream flows", () -> sub.payloads().size() >= 5);

      broker.stop();
      long peakQueued = 0;
      long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(OUTAGE_SECONDS);
      while (System.nanoTime() < outageEnds) {
        TimeUnit.MILLISECONDS.sleep(500); // the outage itself, sampled for the figures
        peakQueued = Math.max(peakQueued, stats(http, id).path("queued").asLong());
      }
      broker.startAgain();
      Eventually.eventually(
          "what queued up during the outage is delivered",
          () -> stats(http, id).path("queued").asLong() < 50);
      assertThat(http.delete(instance).status()).isEqualTo(204);
      Eventually.eventually(
          "the queue is empty", () -> stats(http, id).path("queued").asLong() == 0);
      long delivered = stats(http, id).path("delivered").asLong();
      Eventually.eventually(
          "the subscriber has every publication",
          () -> {
            try {
              JsonNode counted = CounterStream.count(sub.payloads());
              return counted.path("received").asLong() - counted.path("repeats").asLong()
                  >= delivered;
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });

      JsonNode counted = CounterStream.count(sub.payloads());
      System.out.printf(
          "STORE-AND-FORWARD mosquitto outage=%ds delivered=%d received=%d repeats=%d missing=%d"
              + " outOfOrder=%d droppedQueueFull=%d peakQueued=%d retries=%d%n",
          OUTAGE_SECONDS,
          delivered,
          counted.path("received").asLong(),
          counted.path("repeats").asLong(),
          counted.path("missing").asLong(),
          counted.path("outOfOrder").asLong(),
          stats(http, id).path("droppedQueueFull").asLong(),
          peakQueued,
          stats(http, id).path("retries").asLong());
      assertThat(counted.path("received").asLong()).isGreaterThanOrEqualTo(2000);
      assertThat(counted.path("missing").asLong()).isZero();
      assertThat(stats(http, id).path("droppedQueueFull").asLong()).isZero();
      assertThat(peakQueued).isGreaterThan(1000);
    }
  }
}
