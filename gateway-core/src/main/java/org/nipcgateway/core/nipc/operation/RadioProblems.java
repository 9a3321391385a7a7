package org.nipcgateway.core.nipc.operation;

import io.vertx.core.Future;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
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
          case RADIO_DOWN -> null;
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
          case BONDING_FAILED -> refusedType;
          case RADIO_DOWN -> null;
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

  /**
   * The value of a device's answer, or the problem for its refusal: a device that has no such
   * target answers with the protocol's invalid-target type, a BLE device that needs pairing with
   * bonding-failed, and any other refusal with the type the caller names (or a generic 502).
   */
  public static <T> T value(
      DeviceAnswer<T> answer, boolean ble, String subject, String refusedType) {
    if (answer.succeeded()) {
      return answer.value();
    }
    DeviceStatus status = answer.refusal().orElseThrow();
    String type = refusedType;
    if (status.noSuchTarget()) {
      type =
          ble
              ? "protocolmap-ble-invalid-service-or-characteristic"
              : "protocolmap-zigbee-invalid-endpoint-or-cluster";
    } else if (status.needsPairing()) {
      type = "protocolmap-ble-bonding-failed";
    }
    String detail = subject + ": the device answered " + status;
    throw type == null ? NipcException.generic(502, detail) : NipcException.of(type, detail);
  }

  private static NipcException problem(String type, String subject, RadioException failure) {
    String detail = subject + ": " + failure.getMessage();
    if (failure.reason() == RadioException.Reason.RADIO_DOWN) {
      // No NIPC type says the radio is down; it is the gateway that cannot serve for now.
      return NipcException.generic(503, detail);
    }
    return type == null ? NipcException.generic(502, detail) : NipcException.of(type, detail);
  }
}
