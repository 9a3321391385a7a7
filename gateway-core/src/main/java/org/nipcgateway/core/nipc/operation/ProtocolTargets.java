package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.device.DeviceRecord;

/**
 * Where each property lives, read from its protocol map once rather than on every operation (the
 * map's fields parsed, the UUIDs made canonical). An entry holds for the very protocol map it was
 * read from (a replaced model brings new definition nodes, so its entries miss) and for devices
 * with the same radios, since which map applies depends only on those. Maps that name no usable
 * target are not kept: their problem is raised afresh each time.
 */
final class ProtocolTargets {
  private static final int CAP = 10_000;

  private record Entry(JsonNode protocolMap, boolean ble, boolean zigbee, ProtocolTarget target) {
    boolean fits(JsonNode map, DeviceRecord device) {
      return protocolMap == map
          && ble == device.ble().isPresent()
          && zigbee == device.zigbee().isPresent();
    }
  }

  private final Map<String, Entry> reads = new ConcurrentHashMap<>();
  private final Map<String, Entry> writes = new ConcurrentHashMap<>();

  /** As {@link ProtocolTarget#of}, from what an earlier operation read when it still applies. */
  ProtocolTarget of(DeviceRecord device, String property, JsonNode protocolMap, boolean write) {
    Map<String, Entry> entries = write ? writes : reads;
    Entry known = entries.get(property);
    if (known != null && known.fits(protocolMap, device)) {
      return known.target().on(device);
    }
    ProtocolTarget target = ProtocolTarget.of(device, property, protocolMap, write);
    if (entries.size() >= CAP) {
      entries.clear();
    }
    entries.put(
        property,
        new Entry(protocolMap, device.ble().isPresent(), device.zigbee().isPresent(), target));
    return target;
  }
}
