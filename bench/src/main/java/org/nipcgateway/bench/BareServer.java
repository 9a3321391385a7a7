package org.nipcgateway.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The baseline: a bare Vert.x HTTP server with one trivial handler answering a small JSON body, on
 * one event loop like the gateway by default. Whatever the gateway costs above this is the
 * gateway's own. Run as a JVM of its own: {@code BareServer PORT [LOOPS]} (port 0 picks a free
 * port, for one loop only; LOOPS servers share a given port, one per event loop, to compare with
 * {@code http.eventLoops}).
 */
public final class BareServer {
  private static final String BODY = "{\"status\":\"UP\"}";

  private BareServer() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Vertx vertx = Vertx.vertx();
    for (int i = 0; i < loops; i++) {
      // Each context made from this (non-Vert.x) thread gets the next event loop.
      Context loop = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
      loop.runOnContext(v -> listen(vertx, port));
    }
  }

  private static void listen(Vertx vertx, int port) {
    vertx
        .createHttpServer()
        .requestHandler(
            request -> request.response().putHeader("Content-Type", "application/json").end(BODY))
        .listen(port, "127.0.0.1")
        .onSuccess(
            server -> System.out.println("listening on http://127.0.0.1:" + server.actualPort()))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }
}
