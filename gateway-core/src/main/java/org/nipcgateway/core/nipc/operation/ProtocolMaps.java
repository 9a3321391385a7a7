package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeAttribute;

/**
 * Reading an affordance's {@code sdfProtocolMap} (draft-ietf-asdf-sdf-protocol-mapping): which of
 * the device's radios it maps to, and the numeric and text fields each map needs.
 */
public final class ProtocolMaps {
  private ProtocolMaps() {}

  /** The BLE map when the device has a BLE address and the map names BLE, else null. */
  public static JsonNode bleMap(NipcDevice device, JsonNode protocolMap) {
    return device.bleMac().isPresent() && protocolMap.has("ble") ? protocolMap.get("ble") : null;
  }

  /** The Zigbee map when the device has an EUI-64 and the map names Zigbee, else null. */
  public static JsonNode zigbeeMap(NipcDevice device, JsonNode protocolMap) {
    return device.zigbeeEui64().isPresent() && protocolMap.has("zigbee")
        ? protocolMap.get("zigbee")
        : null;
  }

  public static NipcException unmapped(NipcDevice device, String affordance) {
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

  /** The attribute a Zigbee map names, with its ZCL data type. */
  public static ZigbeeAttribute attribute(JsonNode map, String affordance) {
    return new ZigbeeAttribute(
        number(map, "endpointID", affordance),
        number(map, "clusterID", affordance),
        number(map, "attributeID", affordance),
        number(map, "attributeType", affordance),
        manufacturer(map));
  }

  public static OptionalInt manufacturer(JsonNode map) {
    return map.has("manufacturerCode")
        ? OptionalInt.of(map.get("manufacturerCode").asInt())
        : OptionalInt.empty();
  }
}
