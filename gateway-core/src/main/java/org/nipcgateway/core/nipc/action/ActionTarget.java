package org.nipcgateway.core.nipc.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Optional;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.nipc.operation.ProtocolMaps;
import org.nipcgateway.core.nipc.operation.RadioAccess;
import org.nipcgateway.core.radio.BleWriteType;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;

/**
 * What running an action does on a particular device, from its {@code sdfProtocolMap}: write the
 * request's value to a BLE characteristic, or send a Zigbee cluster command with the value as its
 * payload.
 */
sealed interface ActionTarget {

  /**
   * Runs the action; a successful answer carries the response payload when the device sent a
   * specific response (a Zigbee response command), else null.
   */
  Future<DeviceAnswer<byte[]>> run(RadioAccess radios, byte[] payload);

  boolean ble();

  record Ble(
      DeviceRecord device, GattCharacteristic characteristic, Optional<BleWriteType> writeType)
      implements ActionTarget {
    @Override
    public Future<DeviceAnswer<byte[]>> run(RadioAccess radios, byte[] payload) {
      return radios
          .bleWrite(device, characteristic, payload, writeType)
          .map(
              answer ->
                  answer.succeeded()
                      ? DeviceAnswer.<byte[]>done()
                      : DeviceAnswer.<byte[]>refused(answer.refusal().orElseThrow()));
    }

    @Override
    public boolean ble() {
      return true;
    }
  }

  record Zigbee(DeviceRecord device, ZigbeeCommand command) implements ActionTarget {
    @Override
    public Future<DeviceAnswer<byte[]>> run(RadioAccess radios, byte[] payload) {
      return radios
          .zigbee(device, (radio, eui64) -> radio.command(eui64, command, payload))
          .map(Zigbee::payloadOf);
    }

    /** A node's answer as an action's: its response payload, none for a Default Response. */
    static DeviceAnswer<byte[]> payloadOf(DeviceAnswer<ZigbeeCommandResponse> answer) {
      if (!answer.succeeded()) {
        return DeviceAnswer.refused(answer.refusal().orElseThrow());
      }
      ZigbeeCommandResponse response = answer.value();
      return response.command() == ZigbeeCommandResponse.DEFAULT_RESPONSE
          ? DeviceAnswer.done()
          : DeviceAnswer.of(response.payload());
    }

    @Override
    public boolean ble() {
      return false;
    }
  }

  static ActionTarget of(DeviceRecord device, String action, JsonNode protocolMap) {
    JsonNode ble = ProtocolMaps.bleMap(device, protocolMap);
    if (ble != null) {
      return new Ble(device, ProtocolMaps.characteristic(ble, action), ProtocolMaps.writeType(ble));
    }
    JsonNode zigbee = ProtocolMaps.zigbeeMap(device, protocolMap);
    if (zigbee != null) {
      return new Zigbee(device, ProtocolMaps.command(zigbee, action));
    }
    throw ProtocolMaps.unmapped(device, action);
  }
}
