package org.nipcgateway.streaming;

import io.vertx.core.Future;

/**
 * Where a data app's batches go: the embedded broker, the app's own broker, a webhook or a
 * websocket. {@code send} is called on the event loop, one batch at a time (the next only after the
 * previous completed), and fails when the batch did not get through.
 */
interface Destination {

  /** Sends one CBOR batch; {@code topic} is where the draft's MQTT topic scheme puts it. */
  Future<Void> send(String topic, byte[] batch);

  /** Releases connections; called when the registration changes or the gateway stops. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
