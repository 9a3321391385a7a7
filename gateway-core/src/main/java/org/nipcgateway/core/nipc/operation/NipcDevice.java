package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.storage.StoredResource;

/**
 * A device as NIPC operations see it, read from its SCIM resource: whether it may be operated, how
 * to reach it, how it may pair, and which SDF models it implements.
 */
public record NipcDevice(
    String id,
    Optional<String> bleMac,
    Set<BleBonding> blePairing,
    Optional<String> zigbeeEui64,
    List<String> sdfReferences) {
  private static final String BLE = "urn:ietf:params:scim:schemas:extension:ble:2.0:Device";
  private static final String ZIGBEE = "urn:ietf:params:scim:schemas:extension:zigbee:2.0:Device";
  private static final String SDF = "urn:ietf:params:scim:schemas:extension:sdf:2.0:Device";
  private static final String PAIRING = "urn:ietf:params:scim:schemas:extension:pairing";

  /** The device for an operation; unknown or inactive devices are refused with invalid-id. */
  public static NipcDevice of(String id, Optional<StoredResource> resource) {
    StoredResource device =
        resource
            .filter(r -> r.resourceType().equals("Device"))
            .orElseThrow(() -> NipcException.invalidId(id));
    JsonNode attributes = device.attributes();
    if (!attributes.path("active").asBoolean(false)) {
      throw NipcException.of(NipcProblem.INVALID_ID, "Device " + id + " is not active");
    }
    List<String> references = new ArrayList<>();
    attributes.path(SDF).path("sdf").forEach(r -> references.add(r.asText()));
    Optional<String> mac =
        Optional.ofNullable(attributes.path(BLE).path("deviceMacAddress").textValue());
    Optional<String> eui64 =
        Optional.ofNullable(attributes.path(ZIGBEE).path("deviceEui64Address").textValue());
    return new NipcDevice(id, mac, pairing(attributes.path(BLE)), eui64, List.copyOf(references));
  }

  /** The pairing methods the SCIM BLE extension lists, as bonding methods. */
  private static Set<BleBonding> pairing(JsonNode ble) {
    Set<BleBonding> methods = EnumSet.noneOf(BleBonding.class);
    for (JsonNode method : ble.path("pairingMethods")) {
      String urn = method.asText();
      if (urn.startsWith(PAIRING + "JustWorks:")) {
        methods.add(BleBonding.JUSTWORKS);
      } else if (urn.startsWith(PAIRING + "PassKey:")) {
        methods.add(BleBonding.PASSKEY);
      } else if (urn.startsWith(PAIRING + "OOB:")) {
        methods.add(BleBonding.OOB);
      } else if (urn.startsWith(PAIRING + "Null:")) {
        methods.add(BleBonding.NONE);
      }
    }
    return Set.copyOf(methods);
  }

  /**
   * Whether the device implements the affordance: one of its SCIM {@code sdf} references covers the
   * global name. A device without references (no {@code sdf} extension) may be operated with any
   * registered model, as long as the model maps the affordance to the device's radio: the fallback
   * for registries that do not bind devices to models.
   */
  public boolean implementsAffordance(String globalName) {
    return sdfReferences.isEmpty()
        || sdfReferences.stream().anyMatch(r -> globalName.startsWith(r + "/"));
  }
}
