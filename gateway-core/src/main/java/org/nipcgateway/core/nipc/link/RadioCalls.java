package org.nipcgateway.core.nipc.link;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radios.Radios;

/**
 * The configured radios as operations use them: a missing radio is a 503 problem, and no radio call
 * may take longer than the operation timeout (a driver that never answers must not hold a request
 * for ever).
 */
public final class RadioCalls {
  private final Radios radios;
  private final long timeoutMillis;

  public RadioCalls(Radios radios, long timeoutMillis) {
    this.radios = radios;
    this.timeoutMillis = timeoutMillis;
  }

  public BleRadio ble() {
    return radios
        .ble()
        .orElseThrow(
            () -> NipcException.generic(503, "no BLE radio is configured on this gateway"));
  }

  public ZigbeeRadio zigbee() {
    return radios
        .zigbee()
        .orElseThrow(
            () -> NipcException.generic(503, "no Zigbee radio is configured on this gateway"));
  }

  public Radios radios() {
    return radios;
  }

  /** The call, failed with a {@link RadioException.Reason#TIMEOUT} when it takes too long. */
  public <T> Future<T> bounded(Future<T> call) {
    if (call.isComplete()) {
      return call; // answered already: no timer to set and cancel
    }
    return call.timeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof TimeoutException
                        ? new RadioException(
                            RadioException.Reason.TIMEOUT,
                            "the radio did not answer within " + timeoutMillis + " ms")
                        : e));
  }
}
