package org.nipcgateway.scim.registry;

import com.unboundid.scim2.common.Path;
import java.util.Locale;
import org.nipcgateway.scim.schema.ScimResourceType;

/**
 * How an attribute path is recognised whatever its spelling: attribute names and schema URNs are
 * case-insensitive in SCIM, and a core attribute may be written with or without its schema's URN.
 * Paths with a value filter ({@code applications[type eq "x"].value}) have no key: the index does
 * not answer them.
 */
final class IndexedPath {
  private IndexedPath() {}

  /** The key of the path on resources of the type, or null when no index can answer it. */
  static String key(Path path, ScimResourceType type) {
    StringBuilder key = new StringBuilder();
    String urn = path.getSchemaUrn();
    if (urn != null && !urn.equalsIgnoreCase(type.coreSchema().getId())) {
      key.append(urn.toLowerCase(Locale.ROOT));
    }
    key.append('|');
    for (Path.Element element : path) {
      if (element.getValueFilter() != null) {
        return null;
      }
      key.append(element.getAttribute().toLowerCase(Locale.ROOT)).append('.');
    }
    return key.toString();
  }
}
