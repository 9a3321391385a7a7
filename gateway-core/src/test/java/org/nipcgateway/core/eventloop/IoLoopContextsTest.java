package org.nipcgateway.core.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.ConfigException;

class IoLoopContextsTest {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void one_loop_is_the_engine_context_itself() {
    Context engine = vertx.getOrCreateContext();

    assertThat(IoLoopContexts.of(vertx, engine, 1)).containsExactly(engine);
  }

  @Test
  void more_loops_than_vertx_runs_are_refused_naming_the_setting() {
    Context engine = vertx.getOrCreateContext();

    assertThatThrownBy(() -> IoLoopContexts.of(vertx, engine, 4))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.eventLoops is 4");
  }

  @Test
  void connections_spread_over_every_loop_while_requests_timers_and_futures_run_on_the_engine()
      throws Exception {
    Context engine = vertx.getOrCreateContext();
    String engineThread = onContext(engine).get(10, TimeUnit.SECONDS);
    Set<String> connectionThreads = ConcurrentHashMap.newKeySet();
    Set<String> requestThreads = ConcurrentHashMap.newKeySet();
    Set<String> blockingThreads = ConcurrentHashMap.newKeySet();
    List<HttpServer> servers = new ArrayList<>();
    for (Context loop : IoLoopContexts.of(vertx, engine, 3)) {
      HttpServer server = vertx.createHttpServer(new HttpServerOptions().setPort(-1));
      server.connectionHandler(c -> connectionThreads.add(Thread.currentThread().getName()));
      server.requestHandler(
          request ->
              request
                  .body()
                  .onSuccess(body -> requestThreads.add(Thread.currentThread().getName()))
                  .compose(
                      body ->
                          vertx.executeBlocking(
                              () -> blockingThreads.add(Thread.currentThread().getName())))
                  .compose(v -> timer())
                  .onSuccess(
                      v -> {
                        requestThreads.add(Thread.currentThread().getName());
                        request.response().end("ok");
                      }));
      servers.add(server);
      CompletableFuture<HttpServer> listening = new CompletableFuture<>();
      loop.runOnContext(
          v ->
              server
                  .listen()
                  .onSuccess(listening::complete)
                  .onFailure(listening::completeExceptionally));
      listening.get(10, TimeUnit.SECONDS);
    }

    int port = servers.get(0).actualPort();
    for (int i = 0; i < 12; i++) {
      assertThat(post(port)).startsWith("HTTP/1.1 200").endsWith("ok");
    }

    assertThat(connectionThreads).hasSize(3).contains(engineThread);
    assertThat(requestThreads).containsExactly(engineThread);
    assertThat(blockingThreads).doesNotContainAnyElementsOf(connectionThreads);
  }

  private Future<Void> timer() {
    return Future.future(p -> vertx.setTimer(1, id -> p.complete()));
  }

  private static CompletableFuture<String> onContext(Context context) {
    CompletableFuture<String> thread = new CompletableFuture<>();
    context.runOnContext(v -> thread.complete(Thread.currentThread().getName()));
    return thread;
  }

  private static String post(int port) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
