package org.nipcgateway.core.nipc.link;

import io.vertx.core.Future;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.RadioException;

/**
 * Turns radio failures and device refusals into the draft's problem types for the protocol in use.
 * What the device itself refused has no protocol problem type unless it says the target does not
 * exist or needs pairing; the caller names the one that fits the operation (e.g.
 * property-write-failed), or a generic 502.
 */
public final class RadioProblems {
  private RadioProblems() {}

  /** The problem for a failure of an operation on {@code subject} over BLE. */
  public static NipcException ble(RadioException failure, String subject) {
    NipcProblem type =
        switch (failure.reason()) {
          case TIMEOUT -> NipcProblem.PROTOCOLMAP_BLE_CONNECTION_TIMEOUT;
          case CONNECTION_FAILED, UNKNOWN_DEVICE -> NipcProblem.PROTOCOLMAP_BLE_CONNECTION_FAILED;
          case BONDING_FAILED -> NipcProblem.PROTOCOLMAP_BLE_BONDING_FAILED;
          case DISCOVERY_FAILED -> NipcProblem.PROTOCOLMAP_BLE_SERVICE_DISCOVERY_FAILED;
          case UNKNOWN_TARGET -> NipcProblem.PROTOCOLMAP_BLE_INVALID_SERVICE_OR_CHARACTERISTIC;
          case RADIO_DOWN, UNSUPPORTED -> null;
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
          case BONDING_FAILED -> refusedType;
          case RADIO_DOWN, UNSUPPORTED -> null;
        };
    return problem(type, subject, failure);
  }

  /** Recovers a radio failure of a BLE or Zigbee operation as its problem; others pass. */
  public static <T> Future<T> recover(
      Throwable failure, boolean ble, String subject, NipcProblem refusedType) {
    if (failure instanceof RadioException radio) {
      return Future.failedFuture(ble ? ble(radio, subject) : zigbee(radio, subject, refusedType));
    }
    return Future.failedFuture(failure);
  }

  /**
   * The value of a device's answer, or the problem for its refusal: a device that has no such
   * target answers with the protocol's invalid-target type, a BLE device that needs pairing with
   * bonding-failed, and any other refusal with the type the caller names (or a generic 502).
   */
  public static <T> T value(
      DeviceAnswer<T> answer, boolean ble, String subject, NipcProblem refusedType) {
    if (answer.succeeded()) {
      return answer.value();
    }
    DeviceStatus status = answer.refusal().orElseThrow();
    NipcProblem type = refusedType;
    if (status.noSuchTarget()) {
      type =
          ble
              ? NipcProblem.PROTOCOLMAP_BLE_INVALID_SERVICE_OR_CHARACTERISTIC
              : NipcProblem.PROTOCOLMAP_ZIGBEE_INVALID_ENDPOINT_OR_CLUSTER;
    } else if (status.needsPairing()) {
      type = NipcProblem.PROTOCOLMAP_BLE_BONDING_FAILED;
    }
    String detail = subject + ": the device answered " + status;
    throw type == null ? NipcException.generic(502, detail) : NipcException.of(type, detail);
  }

  private static NipcException problem(NipcProblem type, String subject, RadioException failure) {
    String detail = subject + ": " + failure.getMessage();
    if (failure.reason() == RadioException.Reason.RADIO_DOWN) {
      // No NIPC type says the radio is down; it is the gateway that cannot serve for now.
      return NipcException.generic(503, detail);
    }
    if (failure.reason() == RadioException.Reason.UNSUPPORTED) {
      // The driver in use cannot do it at all: no NIPC type, and no retry will help.
      return NipcException.generic(501, detail);
    }
    return type == null ? NipcException.generic(502, detail) : NipcException.of(type, detail);
  }
}
