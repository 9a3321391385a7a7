package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import com.unboundid.scim2.common.utils.StaticUtils;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nipcgateway.core.storage.StoredResource;

/**
 * The ids of the resources of one type by the value of one attribute (every value, for a
 * multi-valued one). Values are keyed lower-cased, as the SDK compares strings that are not
 * case-exact: a lookup finds every resource whose value could equal the wanted one, and the caller
 * decides with the exact rule (the filter evaluator, or the uniqueness check), so the index only
 * narrows and never decides.
 */
final class AttributeIndex {
  private final Path path;
  private final Map<String, Set<String>> idsByValue = new HashMap<>();

  AttributeIndex(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  static String key(String value) {
    return StaticUtils.toLowerCase(value);
  }

  /** The stored values of the attribute (scalars; elements of arrays flattened). */
  List<JsonNode> values(StoredResource resource) {
    try {
      List<JsonNode> found = JsonUtils.findMatchingPaths(path, resource.attributes());
      List<JsonNode> flat = new java.util.ArrayList<>(found.size());
      for (JsonNode node : found) {
        if (node.isArray()) {
          node.forEach(flat::add);
        } else {
          flat.add(node);
        }
      }
      return flat;
    } catch (ScimException e) {
      return List.of();
    }
  }

  void add(StoredResource resource) {
    for (JsonNode value : values(resource)) {
      if (value.isValueNode() && !value.isNull()) {
        idsByValue
            .computeIfAbsent(key(value.asText()), k -> new LinkedHashSet<>())
            .add(resource.id());
      }
    }
  }

  void remove(StoredResource resource) {
    for (JsonNode value : values(resource)) {
      String key = key(value.asText());
      Set<String> ids = idsByValue.get(key);
      if (ids != null) {
        ids.remove(resource.id());
        if (ids.isEmpty()) {
          idsByValue.remove(key);
        }
      }
    }
  }

  /** The ids whose value may equal {@code value}; a copy. */
  Set<String> candidates(String value) {
    return Set.copyOf(idsByValue.getOrDefault(key(value), Set.of()));
  }
}
