package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.storage.StoredResource;

/**
 * A device as NIPC operations see it, read from its SCIM resource: whether it may be operated, how
 * to reach it, and which SDF models it implements.
 */
public record NipcDevice(
    String id, Optional<String> bleMac, Optional<String> zigbeeEui64, List<String> sdfReferences) {
  private static final String BLE = "urn:ietf:params:scim:schemas:extension:ble:2.0:Device";
  private static final String ZIGBEE = "urn:ietf:params:scim:schemas:extension:zigbee:2.0:Device";
  private static final String SDF = "urn:ietf:params:scim:schemas:extension:sdf:2.0:Device";

  /** The device for an operation; unknown or inactive devices are refused with invalid-id. */
  static NipcDevice of(String id, Optional<StoredResource> resource) {
    StoredResource device =
        resource
            .filter(r -> r.resourceType().equals("Device"))
            .orElseThrow(() -> NipcException.invalidId(id));
    JsonNode attributes = device.attributes();
    if (!attributes.path("active").asBoolean(false)) {
      throw NipcException.of("invalid-id", "Device " + id + " is not active");
    }
    List<String> references = new ArrayList<>();
    attributes.path(SDF).path("sdf").forEach(r -> references.add(r.asText()));
    Optional<String> mac =
        Optional.ofNullable(attributes.path(BLE).path("deviceMacAddress").textValue());
    Optional<String> eui64 =
        Optional.ofNullable(attributes.path(ZIGBEE).path("deviceEui64Address").textValue());
    return new NipcDevice(id, mac, eui64, List.copyOf(references));
  }

  /** Whether one of the device's SDF references covers the affordance's global name. */
  boolean implementsAffordance(String globalName) {
    return sdfReferences.stream().anyMatch(r -> globalName.startsWith(r + "/"));
  }
}
