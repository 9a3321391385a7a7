package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox of a gateway with no {@link CallbackOutboxProvider} installed: each callback is sent
 * from memory with the sender's capped retries, so a restart or a receiver down for longer than the
 * retries loses it (counted and logged).
 */
public final class SendingCallbackOutbox implements CallbackOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(SendingCallbackOutbox.class);

  private final CallbackSender sender;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();

  public SendingCallbackOutbox(CallbackSender sender) {
    this.sender = sender;
  }

  @Override
  public Future<Void> enqueue(Callback callback, JsonObject body) {
    sender
        .send(callback, body)
        .onSuccess(v -> delivered.incrementAndGet())
        .onFailure(
            e -> {
              lost.incrementAndGet();
              LOG.info("Callback to {} lost: {}", callback.origin(), e.getMessage());
            });
    return Future.succeededFuture();
  }

  @Override
  public JsonObject state() {
    return new JsonObject()
        .put("durable", false)
        .put("delivered", delivered.get())
        .put("lost", lost.get());
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
