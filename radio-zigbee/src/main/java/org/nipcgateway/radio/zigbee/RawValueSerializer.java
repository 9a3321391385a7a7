package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.serialization.DefaultSerializer;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;

/**
 * The stack's serializer, except that a {@link RawZclValue} goes out as its bytes, whatever ZCL
 * type the field declares: the gateway passes attribute values and command payloads through without
 * interpreting them, so the stack's typed conversion never sees them. Installed with {@code
 * ZigBeeNetworkManager.setSerializer}, which needs a public no-argument constructor.
 */
public final class RawValueSerializer extends DefaultSerializer {

  @Override
  public void appendZigBeeType(Object data, ZclDataType type) {
    if (data instanceof RawZclValue raw) {
      for (byte b : raw.bytes()) {
        super.appendZigBeeType(b & 0xFF, ZclDataType.UNSIGNED_8_BIT_INTEGER);
      }
      return;
    }
    super.appendZigBeeType(data, type);
  }
}
