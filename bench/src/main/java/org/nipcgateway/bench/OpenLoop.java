package org.nipcgateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate}, whatever the
 * answers before it did, and its latency is counted from that intended time, not from when it could
 * be sent. A server that stalls therefore shows the whole stall in every request that should have
 * gone out meanwhile (no coordinated omission, unlike wrk's closed loop). Vert.x client, up to
 * {@code connections} keep-alive connections (BENCH_CONNECTIONS, as many as wrk uses; the gateway
 * closes more than 32 from one address at once); requests beyond them wait in the client's queue,
 * and that wait counts too.
 */
final class OpenLoop implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(10);

  /** What one run at a fixed rate measured; latencies in ms over the answered requests. */
  record Result(
      int offeredPerSecond,
      long sent,
      long ok,
      long failed,
      long unanswered,
      double achievedPerSecond,
      double p50Ms,
      double p99Ms,
      double p999Ms,
      double maxMs,
      String firstFailure) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;

  OpenLoop(int connections) {
    client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setIdleTimeout(30),
            new PoolOptions().setHttp1MaxSize(connections));
  }

  Result run(Scenario scenario, int rate, Duration duration) {
    int total = (int) Math.max(1, rate * duration.toMillis() / 1000);
    long[] latencies = new long[total];
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong lastAnswer = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    long start = System.nanoTime() + 20_000_000; // a little ahead, so request 0 is not late
    double spacing = 1e9 / rate;
    vertx.runOnContext(
        v -> {
          int[] next = {0};
          vertx.setPeriodic(
              1,
              timer -> {
                long now = System.nanoTime();
                while (next[0] < total && start + (long) (next[0] * spacing) <= now) {
                  int i = next[0]++;
                  long due = start + (long) (i * spacing);
                  send(scenario)
                      .onComplete(
                          ar -> {
                            long end = System.nanoTime();
                            lastAnswer.set(end);
                            if (ar.succeeded() && ar.result() < 400) {
                              latencies[(int) ok.getAndIncrement()] = end - due;
                            } else {
                              failed.incrementAndGet();
                              firstFailure.compareAndSet(
                                  null,
                                  ar.succeeded() ? "status " + ar.result() : ar.cause().toString());
                            }
                            if (ok.get() + failed.get() == total) {
                              done.complete(null);
                            }
                          });
                }
                if (next[0] == total) {
                  vertx.cancelTimer(timer);
                }
              });
        });
    try {
      done.get(duration.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // What has not answered by now is reported as unanswered.
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
    long answered = ok.get();
    long[] sorted = Arrays.copyOf(latencies, (int) answered);
    Arrays.sort(sorted);
    double seconds = (lastAnswer.get() - start) / 1e9;
    return new Result(
        rate,
        total,
        answered,
        failed.get(),
        total - answered - failed.get(),
        seconds <= 0 ? 0 : answered / seconds,
        DeviceLoader.percentileMs(sorted, 50),
        DeviceLoader.percentileMs(sorted, 99),
        DeviceLoader.percentileMs(sorted, 99.9),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        firstFailure.get());
  }

  private io.vertx.core.Future<Integer> send(Scenario scenario) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(scenario.method()))
            .setAbsoluteURI(scenario.url())
            .setIdleTimeout(GRACE.toMillis());
    if (scenario.token() != null) {
      options.putHeader("Authorization", "Bearer " + scenario.token());
    }
    return client
        .request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()));
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The benchmark ends anyway; nothing of the figures depends on a clean close.
    }
  }
}
