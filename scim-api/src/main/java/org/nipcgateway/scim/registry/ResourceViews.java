package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * Turns a stored resource into what clients see: the stored attributes plus {@code id}, {@code
 * meta} and every server-maintained attribute (group memberships, references, the gateway's
 * endpoints). Trimming by "returned" rules and query parameters happens afterwards.
 */
public final class ResourceViews {
  static final String ENDPOINT_APPS_EXT = ScimNames.ENDPOINT_APPS;

  private final ScimSchemaCatalog catalog;

  public ResourceViews(ScimSchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * What the resource's view is made of, for caching it; null for a group, whose view also shows
   * its members' display names.
   */
  public ViewKey key(StoredResource resource, RegistryIndex index, Links links) {
    if (resource.resourceType().equals(RegistryIndex.GROUP)) {
      return null;
    }
    return new ViewKey(resource, links.gatewayBase(), index.groupsOf(resource.id()));
  }

  /** A view that may be cached under its {@link ViewKey} (and is built only if it is not). */
  public TypedView typed(
      ScimResourceType type, StoredResource resource, RegistryIndex index, Links links) {
    return TypedView.lazy(
        type, () -> key(resource, index, links), () -> view(resource, index, links));
  }

  public ObjectNode view(StoredResource resource, RegistryIndex index, Links links) {
    ObjectNode view = resource.attributesToChange();
    String endpoint = catalog.resourceType(resource.resourceType()).endpoint();
    ObjectNode out = view.objectNode();
    out.set("schemas", view.remove("schemas"));
    out.put("id", resource.id());
    out.setAll(view);
    addGroups(out, resource, index, links);
    switch (resource.resourceType()) {
      case ScimNames.DEVICE ->
          fillEndpointApps(out, links, catalog.resourceType(ScimNames.ENDPOINT_APP).endpoint());
      case RegistryIndex.GROUP -> fillMembers(out, index, links);
      default -> {}
    }
    ObjectNode meta = out.putObject("meta");
    meta.put("resourceType", resource.resourceType());
    meta.put("created", resource.created().truncatedTo(ChronoUnit.MILLIS).toString());
    meta.put("lastModified", resource.lastModified().truncatedTo(ChronoUnit.MILLIS).toString());
    meta.put("version", EntityTag.of(resource));
    meta.put("location", links.location(endpoint, resource.id()));
    return out;
  }

  private void addGroups(
      ObjectNode out, StoredResource resource, RegistryIndex index, Links links) {
    if (resource.resourceType().equals(RegistryIndex.GROUP)) {
      return;
    }
    List<StoredResource> memberOf = index.groupsOf(resource.id());
    if (memberOf.isEmpty()) {
      return;
    }
    ArrayNode groups = out.putArray("groups");
    String endpoint = catalog.resourceType(RegistryIndex.GROUP).endpoint();
    for (StoredResource group : memberOf) {
      ObjectNode ref = groups.addObject();
      ref.put("value", group.id());
      ref.put("$ref", links.location(endpoint, group.id()));
      ref.put("display", group.attributes().path("displayName").asText());
      ref.put("type", "direct");
    }
  }

  private static void fillEndpointApps(ObjectNode device, Links links, String endpoint) {
    JsonNode ext = device.get(ENDPOINT_APPS_EXT);
    if (!(ext instanceof ObjectNode apps)) {
      return;
    }
    for (JsonNode app : apps.path("applications")) {
      if (app instanceof ObjectNode entry && entry.hasNonNull("value")) {
        entry.put("$ref", links.location(endpoint, entry.get("value").asText()));
      }
    }
    apps.put("deviceControlEnterpriseEndpoint", links.deviceControlEndpoint());
    apps.put("telemetryEnterpriseEndpoint", links.telemetryEndpoint());
  }

  private void fillMembers(ObjectNode group, RegistryIndex index, Links links) {
    for (JsonNode node : group.path("members")) {
      ObjectNode member = (ObjectNode) node;
      String id = member.path("value").asText();
      index
          .find(id)
          .ifPresent(
              r -> {
                member.put(
                    "$ref", links.location(catalog.resourceType(r.resourceType()).endpoint(), id));
                String display = displayName(r);
                if (display != null) {
                  member.put("display", display);
                }
              });
    }
  }

  private static String displayName(StoredResource r) {
    ObjectNode attributes = r.attributes(); // parsed once: devices and apps are kept packed
    JsonNode name =
        attributes.has("displayName")
            ? attributes.get("displayName")
            : attributes.get("applicationName");
    return name == null ? null : name.asText();
  }
}
