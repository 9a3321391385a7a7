package org.nipcgateway.it.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A data app's webhook on a free loopback port: answers 204 and keeps each batch (hex), or 503
 * while it is {@link #down}, as a receiver that is restarting would.
 */
public final class WebhookReceiver implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final List<String> batches = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile boolean down;

  private WebhookReceiver() throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              if (down) {
                                request.response().setStatusCode(503).end();
                                return;
                              }
                              batches.add(HexFormat.of().formatHex(body.getBytes()));
                              request.response().setStatusCode(204).end();
                            }))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  public static WebhookReceiver start() throws Exception {
    return new WebhookReceiver();
  }

  public String uri() {
    return "http://127.0.0.1:" + server.actualPort() + "/events";
  }

  public void down(boolean isDown) {
    this.down = isDown;
  }

  /** The CBOR batches taken so far, hex, in the order they came. */
  public List<String> batches() {
    return List.copyOf(batches);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the webhook receiver did not stop", e);
    }
  }
}
