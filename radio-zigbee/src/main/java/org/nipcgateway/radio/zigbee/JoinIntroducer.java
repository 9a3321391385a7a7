package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeNetworkManager;
import com.zsmartsystems.zigbee.ZigBeeNetworkState;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.ZigBeeNode.ZigBeeNodeState;
import com.zsmartsystems.zigbee.ZigBeeNodeStatus;
import com.zsmartsystems.zigbee.aps.ZigBeeApsFrame;
import com.zsmartsystems.zigbee.serialization.DefaultDeserializer;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportProgressState;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportReceive;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportState;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;
import com.zsmartsystems.zigbee.zdo.ZdoCommandType;

/**
 * Makes the stack know a node before it processes anything the node sends: on a join (the trust
 * centre's status) and on a device announce, the node is added to the network manager at once, on
 * the dongle's thread, before the status or frame is passed on.
 *
 * <p>Why: the stack adds a joining node only later, on a notification thread of its own. A frame it
 * processes before that (the announce follows the join within milliseconds) comes from an "unknown"
 * address, and the stack's network discoverer then asks that address for its IEEE address through
 * the transaction manager's default queue. When the node becomes known before that request
 * completes, the manager credits the completion to the node's own queue, so the default queue keeps
 * a phantom transaction in flight forever; the next request to an unknown address waits behind it,
 * and because that stuck queue is "due now" the manager stops arming its pacing timer, so paced
 * requests to every node stall too — node discovery stopped for minutes after a fresh start
 * (zsmartsystems 1.4.16.1, {@code ZigBeeTransactionManager.transactionComplete} and {@code
 * sendNextTransaction}). Knowing the node first keeps its frames off that path.
 */
final class JoinIntroducer implements ZigBeeTransportReceive {
  private final ZigBeeNetworkManager network;

  JoinIntroducer(ZigBeeNetworkManager network) {
    this.network = network;
  }

  @Override
  public void nodeStatusUpdate(ZigBeeNodeStatus status, Integer address, IeeeAddress ieee) {
    switch (status) {
      case UNSECURED_JOIN, SECURED_REJOIN, UNSECURED_REJOIN -> introduce(ieee, address);
      default -> {}
    }
    network.nodeStatusUpdate(status, address, ieee);
  }

  @Override
  public void receiveCommand(ZigBeeApsFrame frame) {
    if (frame.getProfile() == 0
        && frame.getCluster() == ZdoCommandType.DEVICE_ANNOUNCE.getClusterId()
        && frame.getPayload() != null) {
      announced(frame);
    }
    network.receiveCommand(frame);
  }

  /** A device announce: sequence number, the node's NWK address, its IEEE address, capability. */
  private void announced(ZigBeeApsFrame frame) {
    DefaultDeserializer reader = new DefaultDeserializer(frame.getPayload());
    try {
      reader.readZigBeeType(ZclDataType.UNSIGNED_8_BIT_INTEGER);
      Integer address = reader.readZigBeeType(ZclDataType.NWK_ADDRESS);
      IeeeAddress ieee = reader.readZigBeeType(ZclDataType.IEEE_ADDRESS);
      introduce(ieee, address);
    } catch (RuntimeException e) {
      // A malformed announce: the stack drops it as well.
    }
  }

  /** What the stack's discoverer does for a join or announce, done now rather than later. */
  private void introduce(IeeeAddress ieee, Integer address) {
    if (ieee == null || address == null || network.getNetworkState() != ZigBeeNetworkState.ONLINE) {
      return;
    }
    ZigBeeNode known = network.getNode(ieee);
    if (known != null && address.equals(known.getNetworkAddress())) {
      return;
    }
    ZigBeeNode node = new ZigBeeNode(network, ieee, address);
    node.setNodeState(ZigBeeNodeState.ONLINE);
    network.updateNode(node);
  }

  @Override
  public void setTransportState(ZigBeeTransportState state) {
    network.setTransportState(state);
  }

  @Override
  public void receiveCommandState(int msgTag, ZigBeeTransportProgressState state) {
    network.receiveCommandState(msgTag, state);
  }
}
