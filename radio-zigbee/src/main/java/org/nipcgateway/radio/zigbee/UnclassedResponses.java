package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.ZigBeeEndpoint;
import com.zsmartsystems.zigbee.ZigBeeEndpointAddress;
import com.zsmartsystems.zigbee.ZigBeeNetworkManager;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.aps.ZigBeeApsFrame;
import com.zsmartsystems.zigbee.zcl.ZclCluster;
import com.zsmartsystems.zigbee.zcl.ZclCommand;
import com.zsmartsystems.zigbee.zcl.ZclFrameType;
import com.zsmartsystems.zigbee.zcl.ZclHeader;
import com.zsmartsystems.zigbee.zcl.protocol.ZclCommandDirection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catches the answers to the driver's cluster commands that the stack would drop. The stack turns a
 * node's cluster-specific response into a command only through a class it has for the cluster's
 * command id; a response it has no class for (a manufacturer's own, or any manufacturer-specific
 * one, which it would read as the standard command of that id) never completes the request's
 * transaction, and the action would time out. {@link RawZclTap} offers every cluster-specific frame
 * a node sends here first; one that answers a waiting request (the request's node, endpoint and
 * cluster, and its ZCL transaction sequence number, which the stack's transaction manager set when
 * it sent it — the stack's own matching rule) completes that request as an {@link
 * UnclassedResponse} with the payload's bytes as they came.
 */
final class UnclassedResponses {
  private final ZigBeeNetworkManager network;
  private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();

  UnclassedResponses(ZigBeeNetworkManager network) {
    this.network = network;
  }

  /** One request waiting for its answer; closed once the driver stops waiting. */
  final class Waiting implements AutoCloseable {
    private final ZclCommand request;
    private final CompletableFuture<? super UnclassedResponse> answer;

    private Waiting(ZclCommand request, CompletableFuture<? super UnclassedResponse> answer) {
      this.request = request;
      this.answer = answer;
    }

    private boolean answeredBy(ZigBeeApsFrame frame, ZclHeader header) {
      if (!(request.getDestinationAddress() instanceof ZigBeeEndpointAddress to)) {
        return false;
      }
      return to.getAddress() == frame.getSourceAddress()
          && to.getEndpoint() == frame.getSourceEndpoint()
          && Objects.equals(request.getClusterId(), frame.getCluster())
          && Objects.equals(request.getTransactionId(), header.getSequenceNumber());
    }

    @Override
    public void close() {
      waiting.remove(this);
    }
  }

  /**
   * Completes {@code answer} (on the dongle's thread) with a response to this request among the
   * frames the stack would drop, until closed.
   */
  Waiting expect(ZclCommand request, CompletableFuture<? super UnclassedResponse> answer) {
    Waiting w = new Waiting(request, answer);
    waiting.add(w);
    return w;
  }

  /** A ZCL frame from a node, its header read and its payload after the header (tap's thread). */
  void offer(ZigBeeApsFrame frame, ZclHeader header, byte[] payload) {
    if (waiting.isEmpty()
        || header.getFrameType() != ZclFrameType.CLUSTER_SPECIFIC_COMMAND
        || header.getDirection() != ZclCommandDirection.SERVER_TO_CLIENT
        || stackHasClassFor(frame, header)) {
      return;
    }
    for (Waiting w : waiting) {
      if (w.answeredBy(frame, header)) {
        w.answer.complete(
            new UnclassedResponse(
                new ZigBeeEndpointAddress(frame.getSourceAddress(), frame.getSourceEndpoint()),
                frame.getCluster(),
                header.getCommandId(),
                payload));
      }
    }
  }

  /** Asks the stack's own model of the node's cluster, as the stack does when it receives one. */
  private boolean stackHasClassFor(ZigBeeApsFrame frame, ZclHeader header) {
    if (header.isManufacturerSpecific()) {
      return false;
    }
    ZigBeeNode node = network.getNode(frame.getSourceAddress());
    ZigBeeEndpoint endpoint = node == null ? null : node.getEndpoint(frame.getSourceEndpoint());
    ZclCluster cluster = endpoint == null ? null : endpoint.getInputCluster(frame.getCluster());
    return cluster != null
        && cluster.getResponseFromId(ZclFrameType.CLUSTER_SPECIFIC_COMMAND, header.getCommandId())
            != null;
  }
}
