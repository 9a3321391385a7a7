package org.nipcgateway.core.nipc.extension.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.nipc.link.Backoff;

/** Callbacks against a real local HTTP server: retries, refusals, deadlines, oversized answers. */
class HttpCallbackSenderTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
  private final List<String> apiKeys = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** A receiver answering the n-th call (from 1) as {@code answer} says. */
  private String receiver(java.util.function.BiConsumer<Integer, HttpServerRequest> answer)
      throws Exception {
    int[] calls = {0};
    HttpServer server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request ->
                        request
                            .body()
                            .onSuccess(
                                body -> {
                                  bodies.add(body.toJsonObject());
                                  apiKeys.add(request.getHeader("x-api-key"));
                                  answer.accept(++calls[0], request);
                                }))
                .listen(0, "127.0.0.1"));
    return "http://127.0.0.1:" + server.actualPort() + "/results";
  }

  private HttpCallbackSender sender(int attempts, Duration timeout) {
    return new HttpCallbackSender(
        vertx,
        new CallbackSettings(
            Optional.empty(),
            timeout,
            attempts,
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)),
            1024,
            Duration.ofMinutes(1),
            10,
            1 << 20,
            Duration.ofDays(1)));
  }

  private static Callback to(String url) {
    return new Callback(URI.create(url), Map.of("x-api-key", "k-1"));
  }

  private static Consumer<HttpServerRequest> status(int code) {
    return request -> request.response().setStatusCode(code).end();
  }

  @Test
  void a_failing_receiver_is_retried_until_it_takes_the_callback() throws Exception {
    String url = receiver((n, r) -> status(n < 3 ? 503 : 200).accept(r));

    await(sender(4, Duration.ofSeconds(5)).send(to(url), new JsonObject().put("value", "AQ==")));

    assertThat(bodies).hasSize(3).allMatch(b -> b.getString("value").equals("AQ=="));
    assertThat(apiKeys).containsOnly("k-1");
  }

  @Test
  void a_refusal_is_not_retried() throws Exception {
    String url = receiver((n, r) -> status(404).accept(r));

    assertThatThrownBy(
            () -> await(sender(4, Duration.ofSeconds(5)).send(to(url), new JsonObject())))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("404");
    assertThat(bodies).hasSize(1);
  }

  @Test
  void delivery_gives_up_after_its_attempts() throws Exception {
    String url = receiver((n, r) -> status(500).accept(r));

    assertThatThrownBy(
            () -> await(sender(3, Duration.ofSeconds(5)).send(to(url), new JsonObject())))
        .isInstanceOf(ExecutionException.class);
    assertThat(bodies).hasSize(3);
  }

  @Test
  void a_receiver_that_never_answers_runs_into_the_deadline() throws Exception {
    String url = receiver((n, r) -> {});

    assertThatThrownBy(
            () -> await(sender(2, Duration.ofMillis(300)).send(to(url), new JsonObject())))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("no answer within 300 ms");
    assertThat(bodies).hasSize(2);
  }

  @Test
  void an_oversized_answer_is_cut_off_and_its_status_still_counts() throws Exception {
    String url =
        receiver(
            (n, r) ->
                r.response()
                    .setChunked(true)
                    .setStatusCode(200)
                    .write(Buffer.buffer(new byte[64 * 1024])));

    await(sender(1, Duration.ofSeconds(5)).send(to(url), new JsonObject()));

    assertThat(bodies).hasSize(1);
  }

  @Test
  void nothing_listening_is_a_failed_delivery() throws Exception {
    assertThatThrownBy(
            () ->
                await(
                    sender(2, Duration.ofSeconds(2))
                        .send(to("http://127.0.0.1:1/none"), new JsonObject())))
        .isInstanceOf(ExecutionException.class);
  }
}
