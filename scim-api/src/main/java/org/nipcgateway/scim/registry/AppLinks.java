package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.StoredResource;

/**
 * The links from devices to an endpoint app ({@code endpointAppsExt.applications}). When the app
 * goes they go too, in the same change set, as its group memberships do: a dangling id would be
 * shown with a {@code $ref} to nothing, and a new app can never get the old one's id anyway.
 */
final class AppLinks {
  private AppLinks() {}

  /** Adds to {@code changes} every device that listed the app, without it. */
  static void unlink(String appId, RegistryIndex index, ChangeSet changes, Instant now) {
    for (StoredResource device : index.devicesLinkedTo(appId)) {
      ObjectNode attributes = device.attributesToChange();
      JsonNode listed = attributes.path(ResourceViews.ENDPOINT_APPS_EXT).path("applications");
      if (!lists(listed, appId)) {
        continue;
      }
      ObjectNode ext = (ObjectNode) attributes.get(ResourceViews.ENDPOINT_APPS_EXT);
      ArrayNode applications = ext.withArray("applications");
      for (int i = applications.size() - 1; i >= 0; i--) {
        if (applications.get(i).path("value").asText().equals(appId)) {
          applications.remove(i);
        }
      }
      if (applications.isEmpty()) {
        // applications is required: with none left the extension says nothing, and a device
        // written back as it reads must still be valid.
        attributes.remove(ResourceViews.ENDPOINT_APPS_EXT);
        ArrayNode schemas = attributes.withArray("schemas");
        for (int i = schemas.size() - 1; i >= 0; i--) {
          if (schemas.get(i).asText().equals(ResourceViews.ENDPOINT_APPS_EXT)) {
            schemas.remove(i);
          }
        }
      }
      changes.put(device.withAttributes(attributes, now));
    }
  }

  private static boolean lists(JsonNode applications, String appId) {
    for (JsonNode application : applications) {
      if (application.path("value").asText().equals(appId)) {
        return true;
      }
    }
    return false;
  }
}
