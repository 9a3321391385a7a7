package org.nipcgateway.scim.schema;

import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.server.utils.ResourceTypeDefinition;
import java.util.List;
import java.util.Set;

/**
 * A resource type the registry serves: its SDK definition (schemas, attribute lookup) and the
 * endpoint paths it answers at.
 *
 * @param endpoint canonical path below the SCIM base, e.g. {@code /Devices}
 * @param aliases other paths that answer the same (the draft spells some differently)
 */
public record ScimResourceType(
    String name, String endpoint, List<String> aliases, ResourceTypeDefinition definition) {

  public SchemaResource coreSchema() {
    return definition.getCoreSchema();
  }

  public Set<SchemaResource> extensions() {
    return definition.getSchemaExtensions().keySet();
  }

  /** Whether the URN is this type's core schema or one of its extensions. */
  public boolean hasSchema(String urn) {
    return coreSchema().getId().equals(urn)
        || extensions().stream().anyMatch(s -> s.getId().equals(urn));
  }
}
