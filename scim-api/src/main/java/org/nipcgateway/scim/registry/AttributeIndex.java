package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import com.unboundid.scim2.common.utils.StaticUtils;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ids of the resources of one type by the value of one attribute (every value, for a
 * multi-valued one). Values are keyed lower-cased, as the SDK compares strings that are not
 * case-exact: a lookup finds every resource whose value could equal the wanted one, and the caller
 * decides with the exact rule (the filter evaluator, or the uniqueness check), so the index only
 * narrows and never decides. Most values belong to one resource (addresses, names): such a value
 * maps to that id itself, not to a set of one, which at 100,000 devices saves about 200 bytes per
 * value (a set is a map with its own table).
 */
final class AttributeIndex {
  private final Path path;

  /** By value key: one id as a String, or several as a Set of them in insertion order. */
  private final Map<String, Object> idsByValue = new HashMap<>();

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
  List<JsonNode> values(ObjectNode attributes) {
    try {
      List<JsonNode> found = JsonUtils.findMatchingPaths(path, attributes);
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

  /** Indexes the resource's attributes (the caller parses them once for every index). */
  void add(String id, ObjectNode attributes) {
    for (JsonNode value : values(attributes)) {
      if (value.isValueNode() && !value.isNull()) {
        idsByValue.merge(key(value.asText()), id, AttributeIndex::with);
      }
    }
  }

  void remove(String id, ObjectNode attributes) {
    for (JsonNode value : values(attributes)) {
      idsByValue.computeIfPresent(key(value.asText()), (k, ids) -> without(ids, id));
    }
  }

  private static Object with(Object ids, Object id) {
    if (ids instanceof String one) {
      if (one.equals(id)) {
        return one;
      }
      Set<String> more = new LinkedHashSet<>();
      more.add(one);
      more.add((String) id);
      return more;
    }
    @SuppressWarnings("unchecked")
    Set<String> more = (Set<String>) ids;
    more.add((String) id);
    return more;
  }

  /** What is left once the id is gone; null (the value leaves the map) when nothing is. */
  private static Object without(Object ids, String id) {
    if (ids instanceof String one) {
      return one.equals(id) ? null : one;
    }
    @SuppressWarnings("unchecked")
    Set<String> more = (Set<String>) ids;
    more.remove(id);
    return more.size() == 1 ? more.iterator().next() : more.isEmpty() ? null : more;
  }

  /** The ids whose value may equal {@code value}; a copy. */
  Set<String> candidates(String value) {
    Object ids = idsByValue.get(key(value));
    if (ids == null) {
      return Set.of();
    }
    if (ids instanceof String one) {
      return Set.of(one);
    }
    @SuppressWarnings("unchecked")
    Set<String> more = (Set<String>) ids;
    return Set.copyOf(more);
  }
}
