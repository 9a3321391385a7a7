package org.nipcgateway.streaming;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Where a data app's batches go: the embedded broker, the app's own broker, a webhook or a
 * websocket. {@code send} is called on the event loop, one batch at a time (the next only after the
 * previous completed), and fails when the batch did not get through.
 */
interface Destination {

  /** Sends one CBOR batch; {@code topic} is where the draft's MQTT topic scheme puts it. */
  Future<Void> send(String topic, byte[] batch);

  /**
   * How long a batch this destination took stays in the log anyway, to be sent again after a
   * restart or when {@link DeliveryQueue#replayHeld()} asks: zero when taking a batch is already
   * the proof it is kept (a 2xx, a PUBACK from the app's broker, a written frame).
   */
  default Duration replayHold() {
    return Duration.ZERO;
  }

  /** Releases connections; called when the registration changes or the gateway stops. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
