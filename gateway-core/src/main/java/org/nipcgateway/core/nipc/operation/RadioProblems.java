package org.nipcgateway.core.nipc.operation;

import io.vertx.core.Future;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.radio.RadioException;

/**
 * Turns radio failures into the draft's problem types for the protocol in use. What the device
 * itself refused has no protocol problem type; the caller names the one that fits the operation
 * (e.g. property-write-failed), or a generic 502.
 */
public final class RadioProblems {
  private RadioProblems() {}

  /** The problem for a failure of an operation on {@code subject} over BLE. */
  public static NipcException ble(RadioException failure, String subject, NipcProblem refusedType) {
    NipcProblem type =
        switch (failure.reason()) {
          case TIMEOUT -> NipcProblem.PROTOCOLMAP_BLE_CONNECTION_TIMEOUT;
          case CONNECTION_FAILED, UNKNOWN_DEVICE -> NipcProblem.PROTOCOLMAP_BLE_CONNECTION_FAILED;
          case BONDING_FAILED -> NipcProblem.PROTOCOLMAP_BLE_BONDING_FAILED;
          case DISCOVERY_FAILED -> NipcProblem.PROTOCOLMAP_BLE_SERVICE_DISCOVERY_FAILED;
          case UNKNOWN_TARGET -> NipcProblem.PROTOCOLMAP_BLE_INVALID_SERVICE_OR_CHARACTERISTIC;
          case NOT_PERMITTED -> refusedType;
        };
    return problem(type, subject, failure);
  }

  /** The problem for a failure of an operation on {@code subject} over Zigbee. */
  public static NipcException zigbee(
      RadioException failure, String subject, NipcProblem refusedType) {
    NipcProblem type =
        switch (failure.reason()) {
          case TIMEOUT, CONNECTION_FAILED, UNKNOWN_DEVICE, DISCOVERY_FAILED ->
              NipcProblem.PROTOCOLMAP_ZIGBEE_CONNECTION_TIMEOUT;
          case UNKNOWN_TARGET -> NipcProblem.PROTOCOLMAP_ZIGBEE_INVALID_ENDPOINT_OR_CLUSTER;
          case BONDING_FAILED, NOT_PERMITTED -> refusedType;
        };
    return problem(type, subject, failure);
  }

  /** Recovers a radio failure of a BLE or Zigbee operation as its problem; others pass. */
  public static <T> Future<T> recover(
      Throwable failure, boolean ble, String subject, NipcProblem refusedType) {
    if (failure instanceof RadioException radio) {
      return Future.failedFuture(
          ble ? ble(radio, subject, refusedType) : zigbee(radio, subject, refusedType));
    }
    return Future.failedFuture(failure);
  }

  private static NipcException problem(NipcProblem type, String subject, RadioException failure) {
    String detail = subject + ": " + failure.getMessage();
    return type == null ? NipcException.generic(502, detail) : NipcException.of(type, detail);
  }
}
