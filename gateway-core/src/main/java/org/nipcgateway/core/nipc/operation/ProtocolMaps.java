package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeReporting;

/**
 * Reading an affordance's {@code sdfProtocolMap} (draft-ietf-asdf-sdf-protocol-mapping): which of
 * the device's radios it maps to, and the numeric and text fields each map needs.
 */
public final class ProtocolMaps {
  private ProtocolMaps() {}

  /** The BLE map when the device has a BLE address and the map names BLE, else null. */
  public static JsonNode bleMap(DeviceRecord device, JsonNode protocolMap) {
    return device.ble().isPresent() && protocolMap.has("ble") ? protocolMap.get("ble") : null;
  }

  /** The Zigbee map when the device has an EUI-64 and the map names Zigbee, else null. */
  public static JsonNode zigbeeMap(DeviceRecord device, JsonNode protocolMap) {
    return device.zigbee().isPresent() && protocolMap.has("zigbee")
        ? protocolMap.get("zigbee")
        : null;
  }

  public static NipcException unmapped(DeviceRecord device, String affordance) {
    return NipcException.badRequest(
        affordance + " has no protocol map for the radios of device " + device.id());
  }

  public static String text(JsonNode map, String field, String affordance) {
    if (!map.path(field).isTextual()) {
      throw NipcException.badRequest(affordance + " has no usable protocol map (" + field + ")");
    }
    return map.get(field).asText();
  }

  public static int number(JsonNode map, String field, String affordance) {
    if (!map.path(field).canConvertToInt()) {
      throw NipcException.badRequest(affordance + " has no usable protocol map (" + field + ")");
    }
    return map.get(field).asInt();
  }

  /** The characteristic a BLE map names ({@code serviceID}, {@code characteristicID}). */
  public static GattCharacteristic characteristic(JsonNode map, String affordance) {
    return new GattCharacteristic(
        text(map, "serviceID", affordance), text(map, "characteristicID", affordance));
  }

  /**
   * How a BLE map asks for its characteristic to be written ({@code "writeType": "request"} or
   * {@code "command"}, a field of ours); empty when it leaves it to what discovery found.
   */
  public static Optional<BleWriteType> writeType(JsonNode map) {
    return switch (map.path("writeType").asText("")) {
      case "request" -> Optional.of(BleWriteType.REQUEST);
      case "command" -> Optional.of(BleWriteType.COMMAND);
      default -> Optional.empty();
    };
  }

  /** The attribute a Zigbee map names, with its ZCL data type, profile and manufacturer. */
  public static ZigbeeAttribute attribute(JsonNode map, String affordance) {
    return new ZigbeeAttribute(
        profile(map, affordance),
        number(map, "endpointID", affordance),
        number(map, "clusterID", affordance),
        number(map, "attributeID", affordance),
        number(map, "attributeType", affordance),
        manufacturer(map));
  }

  /** The command a Zigbee action map names, with its profile and manufacturer. */
  public static ZigbeeCommand command(JsonNode map, String affordance) {
    return new ZigbeeCommand(
        profile(map, affordance),
        number(map, "endpointID", affordance),
        number(map, "clusterID", affordance),
        number(map, "commandID", affordance),
        manufacturer(map));
  }

  /**
   * How an {@code attribute_reporting} event configures reporting: the map's {@code
   * minReportInterval} and {@code maxReportInterval} (seconds) and {@code reportableChange} (base64
   * of the attribute type's bytes), each defaulting to {@link ZigbeeReporting#DEFAULT}. The
   * protocol-mapping draft names no such fields; these are the gateway's.
   */
  public static ZigbeeReporting reporting(JsonNode map, String affordance) {
    ZigbeeReporting defaults = ZigbeeReporting.DEFAULT;
    int min =
        map.has("minReportInterval")
            ? number(map, "minReportInterval", affordance)
            : defaults.minInterval();
    int max =
        map.has("maxReportInterval")
            ? number(map, "maxReportInterval", affordance)
            : defaults.maxInterval();
    Optional<byte[]> change = Optional.empty();
    if (map.has("reportableChange")) {
      try {
        change = Optional.of(Base64.getDecoder().decode(text(map, "reportableChange", affordance)));
      } catch (IllegalArgumentException e) {
        throw NipcException.badRequest(affordance + " has a reportableChange that is not base64");
      }
    }
    if (min > max || max > 0xFFFE) {
      throw NipcException.badRequest(
          affordance + " has reporting intervals out of order or range (0 to 65534 s)");
    }
    return new ZigbeeReporting(min, max, change);
  }

  /** The APS profile a map names; Home Automation when it names none. */
  public static int profile(JsonNode map, String affordance) {
    return map.has("profileID")
        ? number(map, "profileID", affordance)
        : ZigbeeAttribute.HOME_AUTOMATION;
  }

  public static OptionalInt manufacturer(JsonNode map) {
    return map.has("manufacturerCode")
        ? OptionalInt.of(map.get("manufacturerCode").asInt())
        : OptionalInt.empty();
  }
}
