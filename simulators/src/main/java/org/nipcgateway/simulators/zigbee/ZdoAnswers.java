package org.nipcgateway.simulators.zigbee;

import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.zcl.ZclFieldSerializer;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;
import com.zsmartsystems.zigbee.zdo.ZdoCommand;
import com.zsmartsystems.zigbee.zdo.ZdoStatus;
import com.zsmartsystems.zigbee.zdo.command.ActiveEndpointsRequest;
import com.zsmartsystems.zigbee.zdo.command.ActiveEndpointsResponse;
import com.zsmartsystems.zigbee.zdo.command.BindRequest;
import com.zsmartsystems.zigbee.zdo.command.BindResponse;
import com.zsmartsystems.zigbee.zdo.command.IeeeAddressRequest;
import com.zsmartsystems.zigbee.zdo.command.IeeeAddressResponse;
import com.zsmartsystems.zigbee.zdo.command.ManagementLeaveRequest;
import com.zsmartsystems.zigbee.zdo.command.ManagementLeaveResponse;
import com.zsmartsystems.zigbee.zdo.command.ManagementLqiRequest;
import com.zsmartsystems.zigbee.zdo.command.ManagementLqiResponse;
import com.zsmartsystems.zigbee.zdo.command.ManagementRoutingRequest;
import com.zsmartsystems.zigbee.zdo.command.ManagementRoutingResponse;
import com.zsmartsystems.zigbee.zdo.command.NetworkAddressRequest;
import com.zsmartsystems.zigbee.zdo.command.NetworkAddressResponse;
import com.zsmartsystems.zigbee.zdo.command.NodeDescriptorRequest;
import com.zsmartsystems.zigbee.zdo.command.PowerDescriptorRequest;
import com.zsmartsystems.zigbee.zdo.command.SimpleDescriptorRequest;
import com.zsmartsystems.zigbee.zdo.command.UnbindRequest;
import com.zsmartsystems.zigbee.zdo.command.UnbindResponse;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What a simulated node (or the coordinator itself) answers the ZDO requests of discovery and
 * binding: addresses, node and power descriptors, active endpoints, simple descriptors, bind and
 * unbind, leave; the mesh tables are NOT_SUPPORTED. Answers are payloads (sequence number first) of
 * the response cluster, encoded with the stack's serializer; the stack has no encoder for the three
 * descriptors, so their fields are written one by one, in ZDO order.
 */
final class ZdoAnswers {
  /** A node as ZDO describes it. */
  record Described(
      IeeeAddress ieee, int nwk, boolean coordinator, int profile, SortedSet<Integer> endpoints) {}

  interface Clusters {
    SortedSet<Integer> of(int endpoint);
  }

  private ZdoAnswers() {}

  /** The answer to a request, or empty when the node does not answer it. */
  static Optional<int[]> answer(ZdoCommand request, Described node, Clusters clusters) {
    int tsn = request.getTransactionId();
    ZclFieldSerializer out = AirFrames.serializer();
    out.serialize(tsn, ZclDataType.UNSIGNED_8_BIT_INTEGER);
    ZdoCommand response;
    if (request instanceof NetworkAddressRequest) {
      response =
          new NetworkAddressResponse(ZdoStatus.SUCCESS, node.ieee(), node.nwk(), 0, List.of());
    } else if (request instanceof IeeeAddressRequest) {
      response = new IeeeAddressResponse(ZdoStatus.SUCCESS, node.ieee(), node.nwk(), 0, List.of());
    } else if (request instanceof NodeDescriptorRequest) {
      header(out, node.nwk());
      nodeDescriptor(out, node.coordinator());
      return Optional.of(out.getPayload());
    } else if (request instanceof PowerDescriptorRequest) {
      header(out, node.nwk());
      // Receiver on when idle, mains powered, level 100 %.
      out.serialize(0x10, ZclDataType.UNSIGNED_8_BIT_INTEGER);
      out.serialize(0xC1, ZclDataType.UNSIGNED_8_BIT_INTEGER);
      return Optional.of(out.getPayload());
    } else if (request instanceof ActiveEndpointsRequest) {
      response =
          new ActiveEndpointsResponse(ZdoStatus.SUCCESS, node.nwk(), List.copyOf(node.endpoints()));
    } else if (request instanceof SimpleDescriptorRequest simple) {
      int endpoint = simple.getEndpoint();
      if (!node.endpoints().contains(endpoint)) {
        out.serialize(ZdoStatus.INVALID_EP, ZclDataType.ZDO_STATUS);
        out.serialize(node.nwk(), ZclDataType.NWK_ADDRESS);
        out.serialize(0, ZclDataType.UNSIGNED_8_BIT_INTEGER);
        return Optional.of(out.getPayload());
      }
      simpleDescriptor(out, node, endpoint, List.copyOf(clusters.of(endpoint)));
      return Optional.of(out.getPayload());
    } else if (request instanceof BindRequest) {
      response = new BindResponse(ZdoStatus.SUCCESS);
    } else if (request instanceof UnbindRequest) {
      response = new UnbindResponse(ZdoStatus.SUCCESS);
    } else if (request instanceof ManagementLeaveRequest) {
      response = new ManagementLeaveResponse(ZdoStatus.SUCCESS);
    } else if (request instanceof ManagementLqiRequest) {
      response = new ManagementLqiResponse(ZdoStatus.NOT_SUPPORTED, 0, 0, List.of());
    } else if (request instanceof ManagementRoutingRequest) {
      response = new ManagementRoutingResponse(ZdoStatus.NOT_SUPPORTED, 0, 0, List.of());
    } else {
      return Optional.empty();
    }
    response.setTransactionId(tsn);
    ZclFieldSerializer encoded = AirFrames.serializer();
    response.serialize(encoded);
    return Optional.of(encoded.getPayload());
  }

  private static void header(ZclFieldSerializer out, int nwk) {
    out.serialize(ZdoStatus.SUCCESS, ZclDataType.ZDO_STATUS);
    out.serialize(nwk, ZclDataType.NWK_ADDRESS);
  }

  private static void nodeDescriptor(ZclFieldSerializer out, boolean coordinator) {
    out.serialize(coordinator ? 0x00 : 0x01, ZclDataType.UNSIGNED_8_BIT_INTEGER); // logical type
    out.serialize(0x40, ZclDataType.UNSIGNED_8_BIT_INTEGER); // 2.4 GHz band
    out.serialize(0x8E, ZclDataType.UNSIGNED_8_BIT_INTEGER); // FFD, mains, rx on idle, alloc
    out.serialize(0x1234, ZclDataType.UNSIGNED_16_BIT_INTEGER); // manufacturer code
    out.serialize(82, ZclDataType.UNSIGNED_8_BIT_INTEGER); // buffer size
    out.serialize(82, ZclDataType.UNSIGNED_16_BIT_INTEGER); // incoming transfer size
    out.serialize(0x2C00, ZclDataType.UNSIGNED_16_BIT_INTEGER); // server mask, stack rev 22
    out.serialize(82, ZclDataType.UNSIGNED_16_BIT_INTEGER); // outgoing transfer size
    out.serialize(0x00, ZclDataType.UNSIGNED_8_BIT_INTEGER); // descriptor capabilities
  }

  private static void simpleDescriptor(
      ZclFieldSerializer out, Described node, int endpoint, List<Integer> inputClusters) {
    header(out, node.nwk());
    out.serialize(8 + 2 * inputClusters.size(), ZclDataType.UNSIGNED_8_BIT_INTEGER);
    out.serialize(endpoint, ZclDataType.UNSIGNED_8_BIT_INTEGER);
    out.serialize(node.profile(), ZclDataType.UNSIGNED_16_BIT_INTEGER);
    out.serialize(0x0100, ZclDataType.UNSIGNED_16_BIT_INTEGER); // device id
    out.serialize(1, ZclDataType.UNSIGNED_8_BIT_INTEGER); // device version
    out.serialize(inputClusters.size(), ZclDataType.UNSIGNED_8_BIT_INTEGER);
    for (int cluster : inputClusters) {
      out.serialize(cluster, ZclDataType.UNSIGNED_16_BIT_INTEGER);
    }
    out.serialize(0, ZclDataType.UNSIGNED_8_BIT_INTEGER); // no output clusters
  }
}
