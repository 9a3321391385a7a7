package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeNodeStatus;
import com.zsmartsystems.zigbee.aps.ZigBeeApsFrame;
import com.zsmartsystems.zigbee.serialization.DefaultDeserializer;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportProgressState;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportReceive;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportState;
import com.zsmartsystems.zigbee.zcl.ZclFieldDeserializer;
import com.zsmartsystems.zigbee.zcl.ZclFrameType;
import com.zsmartsystems.zigbee.zcl.ZclHeader;
import com.zsmartsystems.zigbee.zcl.ZclStatus;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sits between the dongle and the network manager and keeps, for a short while, the raw bytes of
 * each ZCL frame a node sends: its payload after the ZCL header and, for the attribute commands
 * (Read Attributes Response, Write Attributes, Report Attributes), each attribute's value exactly
 * as it came. The stack turns values into Java objects, which may not give the same bytes back (a
 * boolean 0x02, a character string that is not UTF-8); the gateway passes values through, so it
 * takes them from here. Record lengths are found with the stack's own deserializer.
 */
final class RawZclTap implements ZigBeeTransportReceive {
  private static final int KEPT = 512;
  private static final int READ_ATTRIBUTES_RESPONSE = 0x01;
  private static final int WRITE_ATTRIBUTES = 0x02;
  private static final int WRITE_ATTRIBUTES_UNDIVIDED = 0x03;
  private static final int REPORT_ATTRIBUTES = 0x0A;

  /** Where a frame came from and which transaction and command it carries. */
  record Key(int networkAddress, int endpoint, int cluster, int transaction, int command) {}

  /** A frame's payload after the ZCL header, and its attribute values by attribute id. */
  record Frame(byte[] payload, Map<Integer, byte[]> values) {}

  private final ZigBeeTransportReceive next;
  private final Map<Key, Frame> recent =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Frame> eldest) {
          return size() > KEPT;
        }
      };

  RawZclTap(ZigBeeTransportReceive next) {
    this.next = next;
  }

  /** The raw frame the stack turned into a command, removed from the tap. */
  Optional<Frame> take(Key key) {
    synchronized (recent) {
      return Optional.ofNullable(recent.remove(key));
    }
  }

  @Override
  public void receiveCommand(ZigBeeApsFrame frame) {
    if (frame.getProfile() != 0 && frame.getPayload() != null && frame.getPayload().length >= 3) {
      try {
        capture(frame);
      } catch (RuntimeException e) {
        // A frame the stack's deserializer cannot walk: the stack will drop or log it too.
      }
    }
    next.receiveCommand(frame);
  }

  private void capture(ZigBeeApsFrame frame) {
    int[] payload = frame.getPayload();
    DefaultDeserializer reader = new DefaultDeserializer(payload);
    ZclHeader header = new ZclHeader(new ZclFieldDeserializer(reader));
    int start = reader.getPosition();
    Map<Integer, byte[]> values = new HashMap<>();
    if (header.getFrameType() == ZclFrameType.ENTIRE_PROFILE_COMMAND) {
      switch (header.getCommandId()) {
        case READ_ATTRIBUTES_RESPONSE -> readRecords(reader, payload, values, true);
        case WRITE_ATTRIBUTES, WRITE_ATTRIBUTES_UNDIVIDED, REPORT_ATTRIBUTES ->
            readRecords(reader, payload, values, false);
        default -> {}
      }
    }
    Key key =
        new Key(
            frame.getSourceAddress(),
            frame.getSourceEndpoint(),
            frame.getCluster(),
            header.getSequenceNumber(),
            header.getCommandId());
    synchronized (recent) {
      recent.put(key, new Frame(bytes(payload, start, payload.length), values));
    }
  }

  /** Attribute records: id, (status,) type and value, the value's extent found by the stack. */
  private static void readRecords(
      DefaultDeserializer reader, int[] payload, Map<Integer, byte[]> values, boolean withStatus) {
    while (!reader.isEndOfStream()) {
      int id = reader.<Integer>readZigBeeType(ZclDataType.UNSIGNED_16_BIT_INTEGER);
      if (withStatus) {
        ZclStatus status = reader.readZigBeeType(ZclDataType.ZCL_STATUS);
        if (status != ZclStatus.SUCCESS) {
          continue;
        }
      }
      int typeId = reader.<Integer>readZigBeeType(ZclDataType.UNSIGNED_8_BIT_INTEGER);
      ZclDataType type = ZclDataType.getType(typeId);
      if (type == null) {
        return;
      }
      int from = reader.getPosition();
      reader.readZigBeeType(type);
      values.put(id, bytes(payload, from, reader.getPosition()));
    }
  }

  private static byte[] bytes(int[] payload, int from, int to) {
    byte[] out = new byte[Math.max(0, to - from)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) payload[from + i];
    }
    return out;
  }

  @Override
  public void setTransportState(ZigBeeTransportState state) {
    next.setTransportState(state);
  }

  @Override
  public void nodeStatusUpdate(ZigBeeNodeStatus status, Integer address, IeeeAddress ieee) {
    next.nodeStatusUpdate(status, address, ieee);
  }

  @Override
  public void receiveCommandState(int msgTag, ZigBeeTransportProgressState state) {
    next.receiveCommandState(msgTag, state);
  }
}
