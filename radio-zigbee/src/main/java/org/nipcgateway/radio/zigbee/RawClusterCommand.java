package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.ZigBeeAddress;
import com.zsmartsystems.zigbee.zcl.ZclCommand;
import com.zsmartsystems.zigbee.zcl.ZclFieldSerializer;
import com.zsmartsystems.zigbee.zcl.protocol.ZclCommandDirection;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;
import java.util.OptionalInt;

/**
 * A cluster-specific ZCL command with a payload the gateway already holds as bytes (an action's
 * payload): the stack adds the ZCL header, transaction and APS framing; the payload goes out as it
 * is. The node's Default Response is asked for, so that every command gets an answer.
 */
final class RawClusterCommand extends ZclCommand {
  private final byte[] payload;

  RawClusterCommand(
      ZigBeeAddress destination,
      int cluster,
      int command,
      OptionalInt manufacturerCode,
      byte[] payload) {
    this.payload = payload.clone();
    setDestinationAddress(destination);
    // The stack fixes a cluster command's cluster in its class; this one names it per instance.
    this.clusterId = cluster;
    this.commandId = command;
    this.genericCommand = false;
    this.commandDirection = ZclCommandDirection.CLIENT_TO_SERVER;
    manufacturerCode.ifPresent(this::setManufacturerCode);
    setDisableDefaultResponse(false);
  }

  @Override
  public void serialize(ZclFieldSerializer serializer) {
    serializer.serialize(new RawZclValue(payload), ZclDataType.RAW_OCTET);
  }
}
