package org.nipcgateway.core.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * What a module reads from its jar at start (schemas, documents): read on a worker from the moment
 * {@link ApiModule#preload} asks, and handed to the module's {@code mount}, which reads it then if
 * nothing asked before. The reads of every module run side by side, unordered, while the store
 * opens and migrates: one after the other they were a third of a cold start.
 */
public final class Preloaded<T> {
  private final Callable<T> read;
  private Future<T> reading;
  private Vertx readingOn;

  public Preloaded(Callable<T> read) {
    this.read = read;
  }

  /** Starts the read on a worker, unless one is already on its way. */
  public synchronized void start(Vertx vertx) {
    // A read left by a start that failed before mounting belongs to a Vert.x that may be closed.
    if (reading == null || readingOn != vertx) {
      reading = vertx.executeBlocking(read, false);
      readingOn = vertx;
    }
  }

  /**
   * The read started before, or one started now; each start of the gateway takes its own, so a
   * module mounted again (a test's second gateway) reads again with its own Vert.x.
   */
  public synchronized Future<T> take(Vertx vertx) {
    start(vertx);
    Future<T> taken = reading;
    reading = null;
    readingOn = null;
    return taken;
  }
}
