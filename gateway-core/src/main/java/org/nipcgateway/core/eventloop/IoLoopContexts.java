package org.nipcgateway.core.eventloop;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.impl.EventLoopExecutor;
import io.vertx.core.impl.VertxImpl;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import org.nipcgateway.core.config.ConfigException;

/**
 * The contexts the gateway's HTTP servers listen from, one per event loop that serves HTTP
 * (decisions §47): the engine's own context first, then contexts whose I/O lives on another event
 * loop while every task they run runs on the engine's thread.
 *
 * <p>A Vert.x HTTP server registers its connections on the event loop of the context {@code listen}
 * is called from, and emits each request, its body and its response's events on a duplicate of that
 * context. A context built here has another loop for I/O (so the socket, TLS, the HTTP codec and
 * compression run there) and the engine's loop as its executor (so routing, every handler, their
 * timers and the futures they create run on the engine's thread, as with one loop). Vert.x treats
 * such a context as it treats a worker server's: the request's data is queued across threads, never
 * handed over raw. Vert.x exposes no public way to build one, so this class uses {@code
 * VertxImpl.createContext} with the {@link ThreadingModel#EXTERNAL} model (tasks on a thread Vert.x
 * does not schedule itself); it is the only place that does, and the it/ test {@code
 * EveryCoreServingTest} fails if the hand-off stops working after a Vert.x update.
 *
 * <p>Not handed off by Vert.x: a connection's own handlers ({@code connectionHandler}, {@code
 * HttpConnection.closeHandler}) run on its I/O loop, and so do the close and exception handlers of
 * a request whose connection dies mid-way (Vert.x dispatches those on the thread that saw the
 * close). Whoever registers such a handler and touches engine state hops to the engine itself.
 */
public final class IoLoopContexts {
  private IoLoopContexts() {}

  /**
   * {@code loops} contexts: {@code engine} itself, then one per further event loop of {@code vertx}
   * (never the engine's), each running its tasks on {@code engine}'s thread.
   *
   * @throws ConfigException when Vert.x has fewer event loops than asked for
   */
  public static List<Context> of(Vertx vertx, Context engine, int loops) {
    if (loops == 1) {
      return List.of(engine);
    }
    if (!(vertx instanceof VertxImpl impl)
        || !(engine instanceof ContextInternal engineContext)
        || !engineContext.isEventLoopContext()) {
      throw new IllegalStateException(
          "serving on several event loops needs Vert.x's own implementation and an event-loop"
              + " engine context");
    }
    EventLoop engineLoop = engineContext.nettyEventLoop();
    List<Context> contexts = new ArrayList<>();
    contexts.add(engine);
    for (EventExecutor loop : impl.nettyEventLoopGroup()) {
      if (contexts.size() == loops) {
        break;
      }
      if (loop != engineLoop) {
        contexts.add(
            impl.createContext(
                ThreadingModel.EXTERNAL,
                new EventLoopExecutor((EventLoop) loop),
                engineContext.executor(),
                engineContext.workerPool(),
                impl.closeFuture(),
                null,
                engineContext.classLoader()));
      }
    }
    if (contexts.size() < loops) {
      throw new ConfigException(
          "http.eventLoops is "
              + loops
              + " but Vert.x runs "
              + contexts.size()
              + " event loops (twice the cores)");
    }
    return List.copyOf(contexts);
  }

  /** Whether the calling thread is the one {@code engine}'s tasks run on. */
  public static boolean onEngine(Context engine) {
    return ((ContextInternal) engine).executor().inThread();
  }
}
