package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Where finished operations' callbacks wait until their receiver takes them. An operation counts as
 * finished once {@link #enqueue} completed, so a durable outbox has the callback on disk by then;
 * delivering it (retries, order, giving up) is the outbox's job from there on. Implementations come
 * from a {@link CallbackOutboxProvider} (the event-streaming module's is durable); without one the
 * gateway sends from memory ({@link SendingCallbackOutbox}).
 *
 * <p>Threading: called on an event loop; never blocks.
 */
public interface CallbackOutbox {

  /**
   * Takes the callback and its body for delivery; completes once it is kept, fails when it cannot
   * be (the disk refused it): then the callback is lost and the caller says so.
   */
  Future<Void> enqueue(Callback callback, JsonObject body);

  /** What the outbox holds and did, for {@code GET /callbacks}; never a URL path or a header. */
  JsonObject state();

  /** Stops delivering (at shutdown); what is kept is delivered after the next start. */
  Future<Void> close();
}
