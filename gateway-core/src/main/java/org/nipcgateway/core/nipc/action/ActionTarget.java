package org.nipcgateway.core.nipc.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import org.nipcgateway.core.nipc.operation.NipcDevice;
import org.nipcgateway.core.nipc.operation.ProtocolMaps;
import org.nipcgateway.core.nipc.operation.RadioAccess;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeCommand;

/**
 * What running an action does on a particular device, from its {@code sdfProtocolMap}: write the
 * request's value to a BLE characteristic, or send a Zigbee cluster command with the value as its
 * payload.
 */
sealed interface ActionTarget {

  Future<Void> run(RadioAccess radios, byte[] payload);

  boolean ble();

  record Ble(NipcDevice device, GattCharacteristic characteristic) implements ActionTarget {
    @Override
    public Future<Void> run(RadioAccess radios, byte[] payload) {
      return radios.bleWrite(device, characteristic, payload);
    }

    @Override
    public boolean ble() {
      return true;
    }
  }

  record Zigbee(NipcDevice device, ZigbeeCommand command) implements ActionTarget {
    @Override
    public Future<Void> run(RadioAccess radios, byte[] payload) {
      return radios.zigbee(device, (radio, eui64) -> radio.command(eui64, command, payload));
    }

    @Override
    public boolean ble() {
      return false;
    }
  }

  static ActionTarget of(NipcDevice device, String action, JsonNode protocolMap) {
    JsonNode ble = ProtocolMaps.bleMap(device, protocolMap);
    if (ble != null) {
      return new Ble(device, ProtocolMaps.characteristic(ble, action));
    }
    JsonNode zigbee = ProtocolMaps.zigbeeMap(device, protocolMap);
    if (zigbee != null) {
      return new Zigbee(
          device,
          new ZigbeeCommand(
              ProtocolMaps.number(zigbee, "endpointID", action),
              ProtocolMaps.number(zigbee, "clusterID", action),
              ProtocolMaps.number(zigbee, "commandID", action),
              ProtocolMaps.manufacturer(zigbee)));
    }
    throw ProtocolMaps.unmapped(device, action);
  }
}
