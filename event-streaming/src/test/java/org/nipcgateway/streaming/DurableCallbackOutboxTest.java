package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.nipc.extension.callback.Callback;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutbox;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutboxContext;
import org.nipcgateway.core.nipc.extension.callback.CallbackOutboxes;
import org.nipcgateway.core.nipc.extension.callback.CallbackPoster;
import org.nipcgateway.core.nipc.extension.callback.CallbackSettings;
import org.nipcgateway.core.nipc.link.Backoff;
import org.nipcgateway.core.security.SecretBox;

/**
 * Callbacks wait in an on-disk log per receiver until it answers 2xx: in order, across a receiver
 * that is down, across a restart of the outbox, within their bounds.
 */
class DurableCallbackOutboxTest {
  private static final Callback RECEIVER =
      new Callback(URI.create("https://apps.example:8443/done"), Map.of("x-api-key", "k-secret"));

  private final Vertx vertx = Vertx.vertx();
  private final Context loop = vertx.getOrCreateContext();
  private final SecretBox secrets = SecretBox.withRandomKey();
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Answers with the scripted statuses in turn (then 200), and records what it was sent. */
  private static final class ScriptedReceiver implements CallbackPoster {
    final Deque<Integer> script = new ArrayDeque<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    int expected = 1;
    int attempts;

    ScriptedReceiver answering(Integer... statuses) {
      script.addAll(List.of(statuses));
      return this;
    }

    @Override
    public Future<Integer> post(Callback callback, Buffer body) {
      attempts++;
      int status = script.isEmpty() ? 200 : script.poll();
      if (status / 100 == 2 || status == 400) {
        received.add(new JsonObject(body).getString("instanceId") + (status == 400 ? "!" : ""));
        headers.add(callback.headers());
        if (received.size() >= expected) {
          done.complete(null);
        }
      }
      return status < 0
          ? Future.failedFuture("connection refused")
          : Future.succeededFuture(status);
    }
  }

  private CallbackOutbox outbox(CallbackPoster receiver, Duration maxAge) throws Exception {
    CallbackSettings settings =
        new CallbackSettings(
            Optional.empty(),
            Duration.ofSeconds(1),
            2,
            new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)),
            1024,
            Duration.ofMinutes(1),
            10,
            1 << 20,
            maxAge);
    return onLoop(
        () ->
            Future.succeededFuture(
                CallbackOutboxes.open(
                    new CallbackOutboxContext(
                        vertx, dir, receiver, settings, secrets, Clock.systemUTC()),
                    (callback, body) -> Future.failedFuture("the memory sender is not used"))));
  }

  private <T> T onLoop(Supplier<Future<T>> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.runOnContext(
        v ->
            work.get()
                .onComplete(
                    r -> {
                      if (r.succeeded()) {
                        result.complete(r.result());
                      } else {
                        result.completeExceptionally(r.cause());
                      }
                    }));
    return result.get(10, TimeUnit.SECONDS);
  }

  private void enqueue(CallbackOutbox outbox, String instanceId) throws Exception {
    onLoop(() -> outbox.enqueue(RECEIVER, new JsonObject().put("instanceId", instanceId)));
  }

  @Test
  void the_installed_outbox_is_the_durable_one() throws Exception {
    CallbackOutbox outbox = outbox(new ScriptedReceiver(), Duration.ofDays(1));
    assertThat(outbox.state().getBoolean("durable")).isTrue();
  }

  @Test
  void callbacks_to_a_receiver_that_is_down_for_a_while_arrive_once_in_order() throws Exception {
    ScriptedReceiver receiver = new ScriptedReceiver().answering(503, -1, 503, 503, 429, 503);
    receiver.expected = 3;
    CallbackOutbox outbox = outbox(receiver, Duration.ofDays(1));

    enqueue(outbox, "a");
    enqueue(outbox, "b");
    enqueue(outbox, "c");
    receiver.done.get(10, TimeUnit.SECONDS);

    assertThat(receiver.received).containsExactly("a", "b", "c");
    assertThat(receiver.headers.get(0)).containsEntry("x-api-key", "k-secret");
    JsonObject state = onLoop(() -> Future.succeededFuture(outbox.state()));
    assertThat(state.getLong("delivered")).isEqualTo(3);
  }

  @Test
  void a_callback_kept_before_a_restart_is_delivered_after_it() throws Exception {
    ScriptedReceiver down = new ScriptedReceiver();
    for (int i = 0; i < 1000; i++) {
      down.script.add(503);
    }
    CallbackOutbox before = outbox(down, Duration.ofDays(1));
    enqueue(before, "kept");
    JsonObject waiting = onLoop(() -> Future.succeededFuture(before.state()));
    assertThat(
            waiting
                .getJsonObject("targets")
                .getJsonObject("https://apps.example:8443")
                .getLong("queued"))
        .isEqualTo(1);
    onLoop(before::close);
    assertThat(down.received).isEmpty();

    ScriptedReceiver up = new ScriptedReceiver();
    outbox(up, Duration.ofDays(1));
    up.done.get(10, TimeUnit.SECONDS);

    assertThat(up.received).containsExactly("kept");
    assertThat(up.headers.get(0)).containsEntry("x-api-key", "k-secret");
  }

  @Test
  void the_api_key_of_a_queued_callback_is_sealed_on_disk() throws Exception {
    ScriptedReceiver down = new ScriptedReceiver();
    for (int i = 0; i < 1000; i++) {
      down.script.add(503);
    }
    CallbackOutbox outbox = outbox(down, Duration.ofDays(1));
    enqueue(outbox, "kept");

    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .doesNotContain("k-secret");
      }
    }
    onLoop(outbox::close);
  }

  @Test
  void a_refused_callback_leaves_the_queue_counted_and_the_next_one_goes() throws Exception {
    ScriptedReceiver receiver = new ScriptedReceiver().answering(400);
    receiver.expected = 2;
    CallbackOutbox outbox = outbox(receiver, Duration.ofDays(1));

    enqueue(outbox, "refused");
    enqueue(outbox, "next");
    receiver.done.get(10, TimeUnit.SECONDS);

    assertThat(receiver.received).containsExactly("refused!", "next");
    JsonObject state = onLoop(() -> Future.succeededFuture(outbox.state()));
    assertThat(state.getLong("refused")).isEqualTo(1);
  }

  @Test
  void a_callback_older_than_the_age_bound_is_dropped_and_counted() throws Exception {
    ScriptedReceiver down = new ScriptedReceiver();
    for (int i = 0; i < 100_000; i++) {
      down.script.add(503);
    }
    CallbackOutbox outbox = outbox(down, Duration.ofMillis(200));
    enqueue(outbox, "late");

    JsonObject state = new JsonObject();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (state.getLong("droppedExpired", 0L) == 0 && System.nanoTime() < deadline) {
      state = onLoop(() -> Future.succeededFuture(outbox.state()));
    }

    assertThat(state.getLong("droppedExpired")).isEqualTo(1);
    assertThat(down.received).isEmpty();
  }

  @Test
  void a_drained_receiver_leaves_nothing_on_disk() throws Exception {
    ScriptedReceiver receiver = new ScriptedReceiver();
    CallbackOutbox outbox = outbox(receiver, Duration.ofDays(1));
    enqueue(outbox, "a");
    receiver.done.get(10, TimeUnit.SECONDS);

    JsonObject state = new JsonObject().put("targets", new JsonObject().put("x", 1));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!state.getJsonObject("targets").isEmpty() && System.nanoTime() < deadline) {
      state = onLoop(() -> Future.succeededFuture(outbox.state()));
    }

    assertThat(state.getJsonObject("targets")).isEmpty();
    assertThat(state.getLong("delivered")).isEqualTo(1);
    onLoop(outbox::close);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.toList()).isEmpty();
    }
  }
}
