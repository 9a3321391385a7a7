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

  /** One holder's part; let go exactly once, by release or forget. */
  final class Held {
    private boolean done;

    /** Turns scanning off when this was the last holder. */
    void release() {
      if (letGo()) {
        radios.ble().scanning(false);
      }
    }

    /**
     * Lets go without telling the radio: it went down and stopped scanning by itself, and the
     * holders that re-establish after it returns turn scanning on again from zero.
     */
    void forget() {
      letGo();
    }

    private boolean letGo() {
      synchronized (Scanning.this) {
        if (done) {
          return false;
        }
        done = true;
        holders--;
        return holders == 0;
      }
    }
  }

  synchronized Future<Held> hold() {
    Future<Void> on =
        holders == 0 ? radios.bounded(radios.ble().scanning(true)) : Future.succeededFuture();
    holders++;
    return on.map(v -> new Held())
        .onFailure(
            e -> {
              synchronized (this) {
                holders--;
              }
            });
  }
}
