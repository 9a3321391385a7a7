package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import java.util.HashSet;
import java.util.Set;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.storage.StoredResource;

/** Checks a group's members: each must exist, be a Device or an EndpointApp, and appear once. */
final class GroupMembers {
  private static final Set<String> MEMBER_TYPES = Set.of(ScimNames.DEVICE, ScimNames.ENDPOINT_APP);

  private final int maxMembers;

  GroupMembers(int maxMembers) {
    this.maxMembers = maxMembers;
  }

  /** Fills each member's {@code type} from the resource it names. */
  void resolve(ObjectNode group, RegistryIndex index) throws ScimException {
    JsonNode members = group.path("members");
    if (members.size() > maxMembers) {
      throw BadRequestException.tooMany(
          "a group may have at most " + maxMembers + " members, got " + members.size());
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode node : members) {
      ObjectNode member = (ObjectNode) node;
      String id = member.path("value").asText();
      StoredResource target =
          index
              .find(id)
              .filter(r -> MEMBER_TYPES.contains(r.resourceType()))
              .orElseThrow(
                  () ->
                      BadRequestException.invalidValue(
                          "member '" + id + "' is no Device or EndpointApp"));
      if (member.has("type") && !member.get("type").asText().equals(target.resourceType())) {
        throw BadRequestException.invalidValue(
            "member '"
                + id
                + "' is a "
                + target.resourceType()
                + ", not a "
                + member.get("type").asText());
      }
      if (!seen.add(id)) {
        throw BadRequestException.invalidValue("member '" + id + "' is listed twice");
      }
      member.put("type", target.resourceType());
    }
  }
}
