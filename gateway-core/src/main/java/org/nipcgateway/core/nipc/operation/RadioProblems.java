package org.nipcgateway.core.nipc.operation;

import io.vertx.core.Future;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.RadioException;

/**
 * Turns radio failures into the draft's problem types for the protocol in use. What the device
 * itself refused has no protocol problem type; the caller names the one that fits the operation
 * (e.g. property-write-failed), or a generic 502.
 */
public final class RadioProblems {
  private RadioProblems() {}

  /** The problem for a failure of an operation on {@code subject} over BLE. */
  public static NipcException ble(RadioException failure, String subject, String refusedType) {
    String type =
        switch (failure.reason()) {
          case TIMEOUT -> "protocolmap-ble-connection-timeout";
          case CONNECTION_FAILED, UNKNOWN_DEVICE -> "protocolmap-ble-connection-failed";
          case BONDING_FAILED -> "protocolmap-ble-bonding-failed";
          case DISCOVERY_FAILED -> "protocolmap-ble-service-discovery-failed";
          case UNKNOWN_TARGET -> "protocolmap-ble-invalid-service-or-characteristic";
          case NOT_PERMITTED -> refusedType;
        };
    return problem(type, subject, failure);
  }

  /** The problem for a failure of an operation on {@code subject} over Zigbee. */
  public static NipcException zigbee(RadioException failure, String subject, String refusedType) {
    String type =
        switch (failure.reason()) {
          case TIMEOUT, CONNECTION_FAILED, UNKNOWN_DEVICE, DISCOVERY_FAILED ->
              "protocolmap-zigbee-connection-timeout";
          case UNKNOWN_TARGET -> "protocolmap-zigbee-invalid-endpoint-or-cluster";
          case BONDING_FAILED, NOT_PERMITTED -> refusedType;
        };
    return problem(type, subject, failure);
  }

  /** Recovers a radio failure of a BLE or Zigbee operation as its problem; others pass. */
  public static <T> Future<T> recover(
      Throwable failure, boolean ble, String subject, String refusedType) {
    if (failure instanceof RadioException radio) {
      return Future.failedFuture(
          ble ? ble(radio, subject, refusedType) : zigbee(radio, subject, refusedType));
    }
    return Future.failedFuture(failure);
  }

  private static NipcException problem(String type, String subject, RadioException failure) {
    String detail = subject + ": " + failure.getMessage();
    return type == null ? NipcException.generic(502, detail) : NipcException.of(type, detail);
  }
}
