package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.OptionalInt;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.Radios;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeRadio;

/**
 * Where an affordance lives on a particular device, from its {@code sdfProtocolMap}: the BLE
 * characteristic or Zigbee attribute, for reading or for writing (a map may split the two into
 * {@code read} and {@code write}, draft-ietf-asdf-sdf-protocol-mapping).
 */
sealed interface ProtocolTarget {

  Future<byte[]> read(Radios radios);

  Future<Void> write(Radios radios, byte[] value);

  /** The draft's problem type for a radio failure of this protocol. */
  String problemType(RadioException.Reason reason, boolean write);

  record Ble(String mac, GattCharacteristic characteristic) implements ProtocolTarget {
    @Override
    public Future<byte[]> read(Radios radios) {
      return radio(radios).read(mac, characteristic);
    }

    @Override
    public Future<Void> write(Radios radios, byte[] value) {
      return radio(radios).write(mac, characteristic, value);
    }

    private static BleRadio radio(Radios radios) {
      return radios
          .ble()
          .orElseThrow(
              () -> NipcException.generic(503, "no BLE radio is configured on this gateway"));
    }

    @Override
    public String problemType(RadioException.Reason reason, boolean write) {
      return switch (reason) {
        case TIMEOUT -> "protocolmap-ble-connection-timeout";
        case CONNECTION_FAILED, UNKNOWN_DEVICE -> "protocolmap-ble-connection-failed";
        case BONDING_FAILED -> "protocolmap-ble-bonding-failed";
        case UNKNOWN_TARGET -> "protocolmap-ble-invalid-service-or-characteristic";
        case NOT_PERMITTED -> write ? "property-write-failed" : "property-read-failed";
      };
    }
  }

  record Zigbee(String eui64, ZigbeeAttribute attribute) implements ProtocolTarget {
    @Override
    public Future<byte[]> read(Radios radios) {
      return radio(radios).readAttribute(eui64, attribute);
    }

    @Override
    public Future<Void> write(Radios radios, byte[] value) {
      return radio(radios).writeAttribute(eui64, attribute, value);
    }

    private static ZigbeeRadio radio(Radios radios) {
      return radios
          .zigbee()
          .orElseThrow(
              () -> NipcException.generic(503, "no Zigbee radio is configured on this gateway"));
    }

    @Override
    public String problemType(RadioException.Reason reason, boolean write) {
      return switch (reason) {
        case TIMEOUT, CONNECTION_FAILED, UNKNOWN_DEVICE -> "protocolmap-zigbee-connection-timeout";
        case UNKNOWN_TARGET -> "protocolmap-zigbee-invalid-endpoint-or-cluster";
        case BONDING_FAILED, NOT_PERMITTED ->
            write ? "property-write-failed" : "property-read-failed";
      };
    }
  }

  /** The target for a read ({@code write == false}) or a write of the affordance on the device. */
  static ProtocolTarget of(
      NipcDevice device, String affordance, JsonNode protocolMap, boolean write) {
    String direction = write ? "write" : "read";
    if (device.bleMac().isPresent() && protocolMap.has("ble")) {
      JsonNode map = directed(protocolMap.get("ble"), direction);
      if (!map.path("serviceID").isTextual() || !map.path("characteristicID").isTextual()) {
        throw NipcException.badRequest(affordance + " has no usable BLE " + direction + " map");
      }
      return new Ble(
          device.bleMac().get(),
          new GattCharacteristic(
              map.get("serviceID").asText(), map.get("characteristicID").asText()));
    }
    if (device.zigbeeEui64().isPresent() && protocolMap.has("zigbee")) {
      JsonNode map = directed(protocolMap.get("zigbee"), direction);
      for (String field :
          new String[] {"endpointID", "clusterID", "attributeID", "attributeType"}) {
        if (!map.path(field).canConvertToInt()) {
          throw NipcException.badRequest(
              affordance + " has no usable Zigbee " + direction + " map (" + field + ")");
        }
      }
      OptionalInt manufacturer =
          map.has("manufacturerCode")
              ? OptionalInt.of(map.get("manufacturerCode").asInt())
              : OptionalInt.empty();
      return new Zigbee(
          device.zigbeeEui64().get(),
          new ZigbeeAttribute(
              map.get("endpointID").asInt(),
              map.get("clusterID").asInt(),
              map.get("attributeID").asInt(),
              map.get("attributeType").asInt(),
              manufacturer));
    }
    throw NipcException.badRequest(
        affordance + " has no protocol map for the radios of device " + device.id());
  }

  private static JsonNode directed(JsonNode map, String direction) {
    return map.has("read") || map.has("write") ? map.path(direction) : map;
  }
}
