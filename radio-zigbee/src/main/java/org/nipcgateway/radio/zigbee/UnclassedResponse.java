package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.ZigBeeEndpointAddress;
import com.zsmartsystems.zigbee.zcl.ZclCommand;
import com.zsmartsystems.zigbee.zcl.protocol.ZclCommandDirection;

/**
 * A node's cluster-specific response that the stack has no command class for (a manufacturer's
 * own), as {@link UnclassedResponses} caught it in the raw frames: its command id and its payload
 * after the ZCL header, exactly as it came. It stands in for the response the stack would have
 * produced, so the driver reads it like any other.
 */
final class UnclassedResponse extends ZclCommand {
  private final byte[] payload;

  UnclassedResponse(ZigBeeEndpointAddress source, int cluster, int command, byte[] payload) {
    this.payload = payload.clone();
    setSourceAddress(source);
    this.clusterId = cluster;
    this.commandId = command;
    this.genericCommand = false;
    this.commandDirection = ZclCommandDirection.SERVER_TO_CLIENT;
  }

  byte[] payload() {
    return payload.clone();
  }
}
