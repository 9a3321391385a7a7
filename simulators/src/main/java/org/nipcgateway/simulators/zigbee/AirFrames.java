package org.nipcgateway.simulators.zigbee;

import com.zsmartsystems.zigbee.aps.ZigBeeApsFrame;
import com.zsmartsystems.zigbee.serialization.DefaultDeserializer;
import com.zsmartsystems.zigbee.serialization.DefaultSerializer;
import com.zsmartsystems.zigbee.zcl.ZclFieldSerializer;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoding helpers for the simulated nodes, on the stack's own serializer: a value of raw bytes
 * goes out as it is (the nodes hold attribute values as raw ZCL bytes), and attribute records are
 * walked with the stack's deserializer to find each value's bytes.
 */
final class AirFrames {
  private AirFrames() {}

  /** Raw ZCL bytes in place of a typed value. */
  record Raw(byte[] bytes) {}

  /**
   * The stack's serializer, writing {@link Raw} values as they are, and a data type written as an
   * 8-bit integer as its id: the stack's AttributeInformation (a Discover Attributes Response
   * record) writes its data type that way, which the stack's own serializer refuses (1.4.16.1).
   */
  static final class RawSerializer extends DefaultSerializer {
    @Override
    public void appendZigBeeType(Object data, ZclDataType type) {
      if (data instanceof Raw raw) {
        for (byte b : raw.bytes()) {
          super.appendZigBeeType(b & 0xFF, ZclDataType.UNSIGNED_8_BIT_INTEGER);
        }
        return;
      }
      if (data instanceof ZclDataType dataType && type == ZclDataType.UNSIGNED_8_BIT_INTEGER) {
        super.appendZigBeeType(dataType.getId(), type);
        return;
      }
      super.appendZigBeeType(data, type);
    }
  }

  static ZclFieldSerializer serializer() {
    return new ZclFieldSerializer(new RawSerializer());
  }

  /** Write Attributes records (id, type, value) with each value's raw bytes, in order. */
  record Written(int type, byte[] value) {}

  static Map<Integer, Written> writeRecords(DefaultDeserializer reader, int[] payload) {
    Map<Integer, Written> records = new LinkedHashMap<>();
    while (!reader.isEndOfStream()) {
      int id = reader.<Integer>readZigBeeType(ZclDataType.UNSIGNED_16_BIT_INTEGER);
      int typeId = reader.<Integer>readZigBeeType(ZclDataType.UNSIGNED_8_BIT_INTEGER);
      ZclDataType type = ZclDataType.getType(typeId);
      int from = reader.getPosition();
      if (type != null) {
        reader.readZigBeeType(type);
      }
      records.put(id, new Written(typeId, bytes(payload, from, reader.getPosition())));
    }
    return records;
  }

  static byte[] bytes(int[] payload, int from, int to) {
    byte[] out = new byte[Math.max(0, to - from)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) payload[from + i];
    }
    return out;
  }

  static int[] ints(byte[] bytes) {
    int[] out = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i] & 0xFF;
    }
    return out;
  }

  /** A frame from a node to the coordinator's endpoint 1 (ZCL) or 0 (ZDO). */
  static ZigBeeApsFrame fromNode(
      int nwk, int endpoint, int profile, int cluster, int destinationEndpoint, int[] payload) {
    ZigBeeApsFrame frame = new ZigBeeApsFrame();
    frame.setSourceAddress(nwk);
    frame.setSourceEndpoint(endpoint);
    frame.setDestinationAddress(0);
    frame.setDestinationEndpoint(destinationEndpoint);
    frame.setProfile(profile);
    frame.setCluster(cluster);
    frame.setPayload(payload);
    return frame;
  }
}
