package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Optional;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeAttribute;

/**
 * Where a property lives on a particular device, from its {@code sdfProtocolMap}: the BLE
 * characteristic or Zigbee attribute, for reading or for writing (a map may split the two into
 * {@code read} and {@code write}, draft-ietf-asdf-sdf-protocol-mapping).
 */
sealed interface ProtocolTarget {

  Future<DeviceAnswer<byte[]>> read(RadioAccess radios);

  Future<DeviceAnswer<Void>> write(RadioAccess radios, byte[] value);

  /** Whether the target is reached over BLE (for the problem types of failures). */
  boolean ble();

  /** The same place on another device with the same radios. */
  ProtocolTarget on(DeviceRecord other);

  record Ble(
      DeviceRecord device, GattCharacteristic characteristic, Optional<BleWriteType> writeType)
      implements ProtocolTarget {
    @Override
    public Future<DeviceAnswer<byte[]>> read(RadioAccess radios) {
      return radios.ble(device, (radio, mac) -> radio.read(mac, characteristic));
    }

    @Override
    public Future<DeviceAnswer<Void>> write(RadioAccess radios, byte[] value) {
      return radios.bleWrite(device, characteristic, value, writeType);
    }

    @Override
    public boolean ble() {
      return true;
    }

    @Override
    public ProtocolTarget on(DeviceRecord other) {
      return new Ble(other, characteristic, writeType);
    }
  }

  record Zigbee(DeviceRecord device, ZigbeeAttribute attribute) implements ProtocolTarget {
    @Override
    public Future<DeviceAnswer<byte[]>> read(RadioAccess radios) {
      return radios.zigbee(device, (radio, eui64) -> radio.readAttribute(eui64, attribute));
    }

    @Override
    public Future<DeviceAnswer<Void>> write(RadioAccess radios, byte[] value) {
      return radios.zigbee(device, (radio, eui64) -> radio.writeAttribute(eui64, attribute, value));
    }

    @Override
    public boolean ble() {
      return false;
    }

    @Override
    public ProtocolTarget on(DeviceRecord other) {
      return new Zigbee(other, attribute);
    }
  }

  /** The target for a read ({@code write == false}) or a write of the property on the device. */
  static ProtocolTarget of(
      DeviceRecord device, String property, JsonNode protocolMap, boolean write) {
    String direction = write ? "write" : "read";
    JsonNode ble = ProtocolMaps.bleMap(device, protocolMap);
    if (ble != null) {
      JsonNode map = directed(ble, direction);
      return new Ble(
          device, ProtocolMaps.characteristic(map, property), ProtocolMaps.writeType(map));
    }
    JsonNode zigbee = ProtocolMaps.zigbeeMap(device, protocolMap);
    if (zigbee != null) {
      return new Zigbee(device, ProtocolMaps.attribute(directed(zigbee, direction), property));
    }
    throw ProtocolMaps.unmapped(device, property);
  }

  private static JsonNode directed(JsonNode map, String direction) {
    return map.has("read") || map.has("write") ? map.path(direction) : map;
  }
}
