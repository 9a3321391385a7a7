package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Delivers an extension's final result to the callback its request registered. Called on an event
 * loop; never blocks. The future completes once a receiver answered 2xx, and fails when every
 * attempt failed or the receiver refused for good (a 4xx other than 408 and 429).
 */
public interface CallbackSender {
  Future<Void> send(Callback callback, JsonObject body);
}
