package org.nipcgateway.core.eventloop;

import io.vertx.core.Context;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root router's very first handler: a request routed anywhere but on the engine's thread is a
 * programming error (the registry and the engine rely on one thread, decisions §47), so it is
 * answered 500 and logged instead of racing them. It costs one thread comparison per request, and
 * makes a lost hand-off (say, after a Vert.x update changes how {@link IoLoopContexts} behave) fail
 * every request served on another loop, not a rare one.
 */
public final class EngineThreadCheck {
  private static final Logger LOG = LoggerFactory.getLogger(EngineThreadCheck.class);

  private final Context engine;

  public EngineThreadCheck(Context engine) {
    this.engine = engine;
  }

  /**
   * Installs the check as the root router's first route, and returns that route: the other checks
   * every request passes ({@link org.nipcgateway.core.security.ConnectionLimit}, {@link
   * org.nipcgateway.core.http.QueryCheck}) are added to it as further handlers, since a handler of
   * the same route costs an index step where a route of its own costs a match and a dispatch.
   */
  public Route install(Router router) {
    return router.route().order(-2000).handler(this::check).failureHandler(this::failOnEngine);
  }

  /**
   * A request whose connection dies while its body is still arriving fails on the connection's
   * loop: Vert.x dispatches the close on the thread that saw it, and Vert.x Web's body reader fails
   * the routing there. The failure handlers (problem answers, logs) then run on the engine's thread
   * after whatever the engine is doing with the request, not beside it.
   */
  private void failOnEngine(RoutingContext ctx) {
    if (IoLoopContexts.onEngine(engine)) {
      ctx.next();
    } else {
      engine.runOnContext(v -> ctx.next());
    }
  }

  private void check(RoutingContext ctx) {
    if (IoLoopContexts.onEngine(engine)) {
      ctx.next();
      return;
    }
    LOG.error(
        "{} {} was routed on {}, not on the engine's thread; refused",
        ctx.request().method(),
        ctx.request().path(),
        Thread.currentThread().getName());
    ctx.fail(new IllegalStateException("request routed off the engine's thread"));
  }
}
