package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * One attempt at a callback: a POST of the body with the callback's headers. Called on an event
 * loop; never blocks.
 */
public interface CallbackPoster {

  /**
   * The receiver's status; fails when there was no answer (refused, reset, past the deadline).
   * Whether a status means delivered, retry or refused is {@link #delivered} and {@link #retried}.
   */
  Future<Integer> post(Callback callback, Buffer body);

  /** A 2xx: the receiver has it. */
  static boolean delivered(int status) {
    return status / 100 == 2;
  }

  /** 408, 429 and 5xx are worth another try; any other non-2xx is the receiver's refusal. */
  static boolean retried(int status) {
    return status == 408 || status == 429 || status >= 500;
  }
}
