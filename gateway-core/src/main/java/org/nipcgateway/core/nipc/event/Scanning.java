package org.nipcgateway.core.nipc.event;

import io.vertx.core.Future;
import org.nipcgateway.core.nipc.link.RadioCalls;

/** BLE scanning, on while at least one advertisement event needs it. */
final class Scanning {
  private final RadioCalls radios;
  private int holders;

  Scanning(RadioCalls radios) {
    this.radios = radios;
  }

  synchronized Future<Runnable> hold() {
    Future<Void> on =
        holders == 0 ? radios.bounded(radios.ble().scanning(true)) : Future.succeededFuture();
    holders++;
    return on.<Runnable>map(v -> this::release)
        .onFailure(
            e -> {
              synchronized (this) {
                holders--;
              }
            });
  }

  private synchronized void release() {
    holders--;
    if (holders == 0) {
      radios.ble().scanning(false);
    }
  }
}
