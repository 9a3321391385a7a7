package org.nipcgateway.core.nipc.extension.transmit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Iterator;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.radio.TransmitSchedule;

/**
 * A Transmit extension body, checked: which radio ({@code protocolInformation} names {@code ble} or
 * {@code zigbee}; without it the device's own, BLE first), the payload and the schedule ({@code
 * cycle}, {@code transmitTime}, {@code transmitInterval} in ms). Anything wrong with them is
 * extension-transmit-invalid-data.
 *
 * @param connectable {@code protocolInformation.ble.connectable}; false when not given
 */
record TransmitRequest(
    boolean ble, byte[] payload, boolean connectable, TransmitSchedule schedule) {
  /** Legacy advertising carries at most 31 bytes of AD structures (Core spec Vol 3 Part C 11). */
  static final int BLE_MAX_PAYLOAD = 31;

  /** One unfragmented APS frame's payload, as most stacks leave it after their headers. */
  static final int ZIGBEE_MAX_PAYLOAD = 82;

  /** The longest a transmission may last: the radio is shared, and this is airtime. */
  static final long MAX_TRANSMIT_TIME = 600_000;

  private static final long BLE_MIN_INTERVAL = 20;
  private static final long BLE_MAX_INTERVAL = 10_240;
  private static final long DEFAULT_INTERVAL = 100;
  private static final long DEFAULT_REPEAT_TIME = 1_000;

  static TransmitRequest parse(JsonNode body, DeviceRecord device) {
    boolean ble = radio(body.path("protocolInformation"), device);
    byte[] payload = payload(body.path("payload"));
    if (ble) {
      checkAdvertisingData(payload);
    } else if (payload.length > ZIGBEE_MAX_PAYLOAD) {
      throw invalid("a Zigbee broadcast carries at most " + ZIGBEE_MAX_PAYLOAD + " bytes");
    }
    TransmitSchedule.Cycle cycle =
        switch (body.path("cycle").asText("")) {
          case "single" -> TransmitSchedule.Cycle.SINGLE;
          case "repeat" -> TransmitSchedule.Cycle.REPEAT;
          default -> throw invalid("'cycle' must be \"single\" or \"repeat\"");
        };
    long fallbackTime = cycle == TransmitSchedule.Cycle.REPEAT ? DEFAULT_REPEAT_TIME : 0;
    long time = millis(body.path("transmitTime"), "transmitTime", fallbackTime);
    if (time > MAX_TRANSMIT_TIME) {
      throw invalid("'transmitTime' may be at most " + MAX_TRANSMIT_TIME + " ms");
    }
    long interval = millis(body.path("transmitInterval"), "transmitInterval", DEFAULT_INTERVAL);
    if (ble && (interval < BLE_MIN_INTERVAL || interval > BLE_MAX_INTERVAL)) {
      throw invalid(
          "a BLE advertising interval is "
              + BLE_MIN_INTERVAL
              + " to "
              + BLE_MAX_INTERVAL
              + " ms, got "
              + interval);
    }
    boolean connectable =
        body.path("protocolInformation").path("ble").path("connectable").asBoolean(false);
    return new TransmitRequest(
        ble, payload, connectable, new TransmitSchedule(cycle, time, interval));
  }

  /** Whether to transmit over BLE (else Zigbee). */
  private static boolean radio(JsonNode info, DeviceRecord device) {
    if (info.isMissingNode() || info.isNull()) {
      if (device.ble().isEmpty() && device.zigbee().isEmpty()) {
        throw invalid("device " + device.id() + " has neither a BLE nor a Zigbee address");
      }
      return device.ble().isPresent();
    }
    if (!info.isObject() || info.size() != 1) {
      throw invalid("'protocolInformation' must name one protocol, ble or zigbee");
    }
    Iterator<String> names = info.fieldNames();
    String protocol = names.next();
    if (!info.get(protocol).isObject()) {
      throw invalid("'protocolInformation." + protocol + "' must be an object");
    }
    switch (protocol) {
      case "ble" -> {
        JsonNode connectable = info.get("ble").path("connectable");
        if (!connectable.isMissingNode() && !connectable.isBoolean()) {
          throw invalid("'protocolInformation.ble.connectable' must be true or false");
        }
        if (device.ble().isEmpty()) {
          throw invalid("device " + device.id() + " has no BLE address to transmit for");
        }
        return true;
      }
      case "zigbee" -> {
        if (device.zigbee().isEmpty()) {
          throw invalid("device " + device.id() + " has no Zigbee address to transmit for");
        }
        return false;
      }
      default -> throw invalid("no protocol '" + protocol + "' to transmit on; ble or zigbee");
    }
  }

  private static byte[] payload(JsonNode value) {
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw invalid("'payload' must be a non-empty base64 string");
    }
    try {
      return Base64.getDecoder().decode(value.asText());
    } catch (IllegalArgumentException e) {
      throw invalid("'payload' is not base64: " + e.getMessage());
    }
  }

  /**
   * AD structures end to end: each a length octet (counting the type octet and the data) that fits
   * in what is left; a zero length ends the significant part, and only zeros may follow.
   */
  private static void checkAdvertisingData(byte[] payload) {
    if (payload.length > BLE_MAX_PAYLOAD) {
      throw invalid(
          "advertising data is at most " + BLE_MAX_PAYLOAD + " bytes, got " + payload.length);
    }
    int at = 0;
    while (at < payload.length) {
      int length = payload[at] & 0xFF;
      if (length == 0) {
        for (int i = at; i < payload.length; i++) {
          if (payload[i] != 0) {
            throw invalid("advertising data has bytes after its zero-length end at byte " + at);
          }
        }
        return;
      }
      if (at + 1 + length > payload.length) {
        throw invalid(
            "the AD structure at byte "
                + at
                + " claims "
                + length
                + " bytes, but only "
                + (payload.length - at - 1)
                + " follow");
      }
      at += 1 + length;
    }
  }

  private static long millis(JsonNode value, String field, long fallback) {
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || value.asLong() < 0) {
      throw invalid("'" + field + "' must be a whole, non-negative number of milliseconds");
    }
    return value.asLong();
  }

  private static NipcException invalid(String detail) {
    return NipcException.of(NipcProblem.EXTENSION_TRANSMIT_INVALID_DATA, detail);
  }
}
