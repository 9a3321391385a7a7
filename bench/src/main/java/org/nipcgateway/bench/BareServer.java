package org.nipcgateway.bench;

import io.vertx.core.Vertx;

/**
 * The baseline: a bare Vert.x HTTP server with one trivial handler answering a small JSON body, on
 * one event loop like the gateway. Whatever the gateway costs above this is the gateway's own. Run
 * as a JVM of its own: {@code BareServer PORT} (0 picks a free port).
 */
public final class BareServer {
  private static final String BODY = "{\"status\":\"UP\"}";

  private BareServer() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Vertx vertx = Vertx.vertx();
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
