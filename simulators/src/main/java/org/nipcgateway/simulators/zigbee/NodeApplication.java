package org.nipcgateway.simulators.zigbee;

import com.zsmartsystems.zigbee.aps.ZigBeeApsFrame;
import com.zsmartsystems.zigbee.serialization.DefaultDeserializer;
import com.zsmartsystems.zigbee.zcl.ZclCommand;
import com.zsmartsystems.zigbee.zcl.ZclFieldDeserializer;
import com.zsmartsystems.zigbee.zcl.ZclFieldSerializer;
import com.zsmartsystems.zigbee.zcl.ZclFrameType;
import com.zsmartsystems.zigbee.zcl.ZclHeader;
import com.zsmartsystems.zigbee.zcl.ZclStatus;
import com.zsmartsystems.zigbee.zcl.clusters.general.ConfigureReportingCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.ConfigureReportingResponse;
import com.zsmartsystems.zigbee.zcl.clusters.general.DefaultResponse;
import com.zsmartsystems.zigbee.zcl.clusters.general.DiscoverAttributesCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.ReadAttributesCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.ReadAttributesResponse;
import com.zsmartsystems.zigbee.zcl.clusters.general.ReportAttributesCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.WriteAttributesCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.WriteAttributesResponse;
import com.zsmartsystems.zigbee.zcl.field.AttributeReport;
import com.zsmartsystems.zigbee.zcl.field.AttributeReportingConfigurationRecord;
import com.zsmartsystems.zigbee.zcl.field.AttributeStatusRecord;
import com.zsmartsystems.zigbee.zcl.field.ReadAttributeStatusRecord;
import com.zsmartsystems.zigbee.zcl.field.WriteAttributeRecord;
import com.zsmartsystems.zigbee.zcl.field.WriteAttributeStatusRecord;
import com.zsmartsystems.zigbee.zcl.protocol.ZclCommandDirection;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;
import org.nipcgateway.core.radio.ZigbeeReporting;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Attribute;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Key;

/**
 * The ZCL side of the simulated nodes, frame in and frame out on the stack's own command classes:
 * Read and Write Attributes (UNSUPPORTED_CLUSTER, UNSUPPORTED_ATTRIBUTE, READ_ONLY,
 * INVALID_DATA_TYPE as real nodes answer), Configure Reporting, Discover Attributes ({@link
 * AttributeDiscovery}), the cluster commands of {@link ClusterCommands}, and reports of changed
 * attributes to a coordinator their cluster is bound to. Frames for another profile or endpoint go
 * unanswered.
 */
final class NodeApplication {
  private static final int GROUPS = 0x0004;
  private static final int ADD_GROUP = 0x00;

  private final SimulatedCoordinator coordinator;

  NodeApplication(SimulatedCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  void receive(CoordinatedNode node, ZigBeeApsFrame frame) {
    if (frame.getProfile() != node.profile) {
      return;
    }
    int[] payload = frame.getPayload();
    DefaultDeserializer reader = new DefaultDeserializer(payload);
    ZclFieldDeserializer fields = new ZclFieldDeserializer(reader);
    ZclHeader header = new ZclHeader(fields);
    if (header.getDirection() != ZclCommandDirection.CLIENT_TO_SERVER) {
      return; // a Default Response of the stack to one of our reports
    }
    int endpoint = frame.getDestinationEndpoint();
    boolean group = frame.getAddressMode() == com.zsmartsystems.zigbee.ZigBeeNwkAddressMode.GROUP;
    if (!group && !node.endpoints().contains(endpoint)) {
      return;
    }
    Optional<Integer> manufacturer =
        header.isManufacturerSpecific()
            ? Optional.of(header.getManufacturerCode())
            : Optional.empty();
    int cluster = frame.getCluster();
    if (header.getFrameType() == ZclFrameType.ENTIRE_PROFILE_COMMAND) {
      general(node, frame, header, reader, payload, endpoint, cluster, manufacturer);
      return;
    }
    int start = reader.getPosition();
    byte[] body = AirFrames.bytes(payload, start, payload.length);
    if (cluster == GROUPS && header.getCommandId() == ADD_GROUP && body.length >= 2) {
      node.groups.add((body[0] & 0xFF) | (body[1] & 0xFF) << 8);
      reply(node, frame, header, endpoint, defaultResponse(header, ZclStatus.SUCCESS));
      return;
    }
    for (int target : group ? node.endpoints() : java.util.Set.of(endpoint)) {
      clusterCommand(node, frame, header, target, cluster, body, group);
    }
  }

  private void clusterCommand(
      CoordinatedNode node,
      ZigBeeApsFrame frame,
      ZclHeader header,
      int endpoint,
      int cluster,
      byte[] body,
      boolean group) {
    if (!node.hasCluster(endpoint, cluster)) {
      if (!group) {
        reply(
            node, frame, header, endpoint, defaultResponse(header, ZclStatus.UNSUPPORTED_CLUSTER));
      }
      return;
    }
    ClusterCommands.Outcome outcome =
        ClusterCommands.apply(
            ZigbeeCommand.of(endpoint, cluster, header.getCommandId()), body, node.attributes);
    outcome.changes().forEach(c -> change(node, c.key(), node.attributes.get(c.key()), c.value()));
    if (group) {
      return; // groupcasts are not answered
    }
    DeviceAnswer<ZigbeeCommandResponse> answer = outcome.answer();
    if (!answer.succeeded()) {
      ZclStatus status = ZclStatus.getStatus(answer.refusal().orElseThrow().code());
      reply(node, frame, header, endpoint, defaultResponse(header, status));
      return;
    }
    ZigbeeCommandResponse response = answer.value();
    if (response.command() == ZigbeeCommandResponse.DEFAULT_RESPONSE) {
      reply(node, frame, header, endpoint, defaultResponse(header, ZclStatus.SUCCESS));
      return;
    }
    ZclHeader out = responseHeader(header, false);
    out.setCommandId(response.command());
    send(node, frame.getCluster(), endpoint, out, AirFrames.ints(response.payload()));
  }

  private void general(
      CoordinatedNode node,
      ZigBeeApsFrame frame,
      ZclHeader header,
      DefaultDeserializer reader,
      int[] payload,
      int endpoint,
      int cluster,
      Optional<Integer> manufacturer) {
    ZclFieldDeserializer fields = new ZclFieldDeserializer(reader);
    if (!node.hasCluster(endpoint, cluster)) {
      reply(node, frame, header, endpoint, defaultResponse(header, ZclStatus.UNSUPPORTED_CLUSTER));
      return;
    }
    int command = header.getCommandId();
    if (command == 0x00) {
      ReadAttributesCommand read = new ReadAttributesCommand(new ArrayList<>());
      read.deserialize(fields);
      List<ReadAttributeStatusRecord> records = new ArrayList<>();
      for (int id : read.getIdentifiers()) {
        ReadAttributeStatusRecord record = new ReadAttributeStatusRecord();
        record.setAttributeIdentifier(id);
        Attribute attribute = node.attributes.get(new Key(endpoint, cluster, id, manufacturer));
        if (attribute == null) {
          record.setStatus(ZclStatus.UNSUPPORTED_ATTRIBUTE);
        } else {
          record.setStatus(ZclStatus.SUCCESS);
          record.setAttributeDataType(ZclDataType.getType(attribute.type));
          record.setAttributeValue(new AirFrames.Raw(attribute.value));
        }
        records.add(record);
      }
      reply(node, frame, header, endpoint, new ReadAttributesResponse(records));
    } else if (command == 0x02) {
      Map<Integer, AirFrames.Written> written = AirFrames.writeRecords(reader, payload);
      List<WriteAttributeStatusRecord> failures = new ArrayList<>();
      written.forEach(
          (id, value) -> {
            Key key = new Key(endpoint, cluster, id, manufacturer);
            Attribute attribute = node.attributes.get(key);
            ZclStatus status =
                attribute == null
                    ? ZclStatus.UNSUPPORTED_ATTRIBUTE
                    : !attribute.writable
                        ? ZclStatus.READ_ONLY
                        : attribute.type != value.type()
                            ? ZclStatus.INVALID_DATA_TYPE
                            : ZclStatus.SUCCESS;
            if (status == ZclStatus.SUCCESS) {
              change(node, key, attribute, value.value());
            } else {
              WriteAttributeStatusRecord record = new WriteAttributeStatusRecord();
              record.setAttributeIdentifier(id);
              record.setStatus(status);
              failures.add(record);
            }
          });
      if (failures.isEmpty()) {
        // A write that succeeded entirely is answered with a single SUCCESS status.
        WriteAttributeStatusRecord ok = new WriteAttributeStatusRecord();
        ok.setStatus(ZclStatus.SUCCESS);
        failures.add(ok);
      }
      reply(node, frame, header, endpoint, new WriteAttributesResponse(failures));
    } else if (command == 0x06) {
      ConfigureReportingCommand configure = new ConfigureReportingCommand(new ArrayList<>());
      configure.deserialize(fields);
      List<AttributeStatusRecord> failures = new ArrayList<>();
      for (AttributeReportingConfigurationRecord r : configure.getRecords()) {
        Attribute attribute =
            node.attributes.get(
                new Key(endpoint, cluster, r.getAttributeIdentifier(), manufacturer));
        if (attribute == null) {
          AttributeStatusRecord failed = new AttributeStatusRecord();
          failed.setAttributeIdentifier(r.getAttributeIdentifier());
          failed.setStatus(ZclStatus.UNSUPPORTED_ATTRIBUTE);
          failures.add(failed);
          continue;
        }
        attribute.reporting =
            new ZigbeeReporting(
                r.getMinimumReportingInterval(), r.getMaximumReportingInterval(), Optional.empty());
      }
      reply(
          node,
          frame,
          header,
          endpoint,
          new ConfigureReportingResponse(
              failures.isEmpty() ? ZclStatus.SUCCESS : ZclStatus.FAILURE, failures));
    } else if (command == DiscoverAttributesCommand.COMMAND_ID) {
      DiscoverAttributesCommand discover = new DiscoverAttributesCommand(0, 0);
      discover.deserialize(fields);
      reply(
          node,
          frame,
          header,
          endpoint,
          AttributeDiscovery.answer(node.attributes, endpoint, cluster, manufacturer, discover));
    } else {
      reply(
          node, frame, header, endpoint, defaultResponse(header, ZclStatus.UNSUP_GENERAL_COMMAND));
    }
  }

  /** Sets an attribute's value, as the node itself or a command does; reports a change if bound. */
  void change(CoordinatedNode node, int endpoint, int cluster, int attribute, byte[] value) {
    Key key = new Key(endpoint, cluster, attribute, Optional.empty());
    Attribute held = node.attributes.get(key);
    if (held == null) {
      throw new IllegalArgumentException(
          node.eui64 + " has no attribute " + attribute + " in cluster " + cluster);
    }
    change(node, key, held, value);
  }

  private void change(CoordinatedNode node, Key key, Attribute attribute, byte[] value) {
    boolean changed = !Arrays.equals(attribute.value, value);
    attribute.value = value.clone();
    if (changed && !attribute.reporting.off() && node.boundClusters.contains(key.cluster())) {
      AttributeReport report = new AttributeReport();
      report.setAttributeIdentifier(key.attribute());
      report.setAttributeDataType(ZclDataType.getType(attribute.type));
      report.setAttributeValue(new AirFrames.Raw(value));
      ZclHeader header =
          unsolicited(
              node, ReportAttributesCommand.COMMAND_ID, ZclCommandDirection.SERVER_TO_CLIENT);
      send(
          node,
          key.cluster(),
          key.endpoint(),
          header,
          body(new ReportAttributesCommand(List.of(report))));
    }
  }

  /** The node writes one of its attributes to the coordinator. */
  void writeToCoordinator(
      CoordinatedNode node, int endpoint, int cluster, int attribute, int type, byte[] value) {
    WriteAttributeRecord record = new WriteAttributeRecord();
    record.setAttributeIdentifier(attribute);
    record.setAttributeDataType(ZclDataType.getType(type));
    record.setAttributeValue(new AirFrames.Raw(value));
    ZclHeader header =
        unsolicited(node, WriteAttributesCommand.COMMAND_ID, ZclCommandDirection.CLIENT_TO_SERVER);
    header.setDisableDefaultResponse(false);
    send(node, cluster, endpoint, header, body(new WriteAttributesCommand(List.of(record))));
  }

  private static ZclHeader unsolicited(
      CoordinatedNode node, int command, ZclCommandDirection direction) {
    ZclHeader header = new ZclHeader();
    header.setFrameType(ZclFrameType.ENTIRE_PROFILE_COMMAND);
    header.setDirection(direction);
    header.setDisableDefaultResponse(true);
    header.setSequenceNumber(node.nextSequence());
    header.setCommandId(command);
    return header;
  }

  private static DefaultResponse defaultResponse(ZclHeader request, ZclStatus status) {
    return new DefaultResponse(request.getCommandId(), status);
  }

  private void reply(
      CoordinatedNode node,
      ZigBeeApsFrame frame,
      ZclHeader request,
      int endpoint,
      ZclCommand response) {
    ZclHeader header = responseHeader(request, true);
    header.setCommandId(response.getCommandId());
    send(node, frame.getCluster(), endpoint, header, body(response));
  }

  private static ZclHeader responseHeader(ZclHeader request, boolean general) {
    ZclHeader header = new ZclHeader();
    header.setFrameType(
        general ? ZclFrameType.ENTIRE_PROFILE_COMMAND : ZclFrameType.CLUSTER_SPECIFIC_COMMAND);
    header.setDirection(ZclCommandDirection.SERVER_TO_CLIENT);
    header.setDisableDefaultResponse(true);
    header.setSequenceNumber(request.getSequenceNumber());
    if (request.isManufacturerSpecific()) {
      header.setManufacturerSpecific(true);
      header.setManufacturerCode(request.getManufacturerCode());
    }
    return header;
  }

  private static int[] body(ZclCommand command) {
    ZclFieldSerializer out = AirFrames.serializer();
    command.serialize(out);
    return out.getPayload();
  }

  private void send(CoordinatedNode node, int cluster, int endpoint, ZclHeader header, int[] body) {
    ZclFieldSerializer out = AirFrames.serializer();
    int[] payload = header.serialize(out, body);
    coordinator.send(AirFrames.fromNode(node.nwk, endpoint, node.profile, cluster, 1, payload));
  }
}
