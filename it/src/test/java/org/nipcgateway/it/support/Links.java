package org.nipcgateway.it.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Links endpoint apps to devices the way an onboarding app would: a SCIM group holding both. A data
 * app receives only the events of devices it is linked to, and a control app operates only those.
 */
public final class Links {
  private Links() {}

  /** Creates a group of the app and the devices; returns the group's id. */
  public static String group(ScimClient scim, String appId, List<String> deviceIds) {
    ObjectNode group = ScimClient.JSON.createObjectNode();
    group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    group.put("displayName", "devices of " + appId);
    var members = group.putArray("members");
    members.addObject().put("value", appId);
    deviceIds.forEach(id -> members.addObject().put("value", id));
    return scim.create("/Groups", group).path("id").asText();
  }
}
