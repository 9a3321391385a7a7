package org.nipcgateway.core.nipc.extension.bulk;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nipcgateway.core.device.BleIdentity;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.BleAdvertisement;
import org.nipcgateway.core.radio.BleListener;

/**
 * Waits for devices to advertise (a Bulk's {@code advertisement} trigger): scanning is held on
 * while anyone waits, and each wait ends at the device's next advertisement, or fails after the
 * longest wait allowed.
 */
final class AdvertisementWaits implements BleListener {
  private final Vertx vertx;
  private final Supplier<Future<Runnable>> scanning;
  private final long maxWaitMillis;
  private final Map<Object, Waiting> waiting = new LinkedHashMap<>();

  private record Waiting(BleIdentity device, Promise<Void> seen) {}

  /**
   * @param scanning holds scanning on until the action it yields runs
   */
  AdvertisementWaits(Vertx vertx, Supplier<Future<Runnable>> scanning, long maxWaitMillis) {
    this.vertx = vertx;
    this.scanning = scanning;
    this.maxWaitMillis = maxWaitMillis;
  }

  /** Completes when the device next advertises; fails (a 504 problem) after the longest wait. */
  Future<Void> next(BleIdentity device) {
    Object key = new Object();
    Promise<Void> seen = Promise.promise();
    synchronized (this) {
      waiting.put(key, new Waiting(device, seen));
    }
    long timer =
        vertx.setTimer(
            maxWaitMillis,
            t ->
                seen.tryFail(
                    NipcException.generic(
                        504,
                        "device "
                            + device.address()
                            + " was not seen advertising within "
                            + maxWaitMillis
                            + " ms; no operation ran")));
    return scanning
        .get()
        .onFailure(e -> vertx.cancelTimer(timer))
        .compose(
            release ->
                seen.future()
                    .onComplete(
                        done -> {
                          release.run();
                          vertx.cancelTimer(timer);
                        }))
        .onComplete(
            done -> {
              synchronized (this) {
                waiting.remove(key);
              }
            });
  }

  @Override
  public void advertisement(BleAdvertisement advertisement) {
    List<Waiting> now;
    synchronized (this) {
      now = List.copyOf(waiting.values());
    }
    now.stream()
        .filter(w -> w.device().sentFrom(advertisement.address()))
        .forEach(w -> w.seen().tryComplete());
  }
}
