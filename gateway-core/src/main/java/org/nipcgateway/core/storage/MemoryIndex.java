package org.nipcgateway.core.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's in-memory copy, by id and by type, in creation order. Listing one type (data apps for
 * every delivered event, models for every operation) costs what that type holds, not what the whole
 * registry holds.
 */
final class MemoryIndex {
  private final Map<String, StoredResource> byId = new HashMap<>();
  private final Map<String, Map<String, StoredResource>> byType = new HashMap<>();
  private final Map<String, Long> changesByType = new HashMap<>();

  synchronized void put(StoredResource resource) {
    StoredResource previous = byId.put(resource.id(), resource);
    if (previous != null && !previous.resourceType().equals(resource.resourceType())) {
      byType.get(previous.resourceType()).remove(resource.id());
      changesByType.merge(previous.resourceType(), 1L, Long::sum);
    }
    changesByType.merge(resource.resourceType(), 1L, Long::sum);
    byType
        .computeIfAbsent(resource.resourceType(), t -> new LinkedHashMap<>())
        .put(resource.id(), resource);
  }

  synchronized void remove(String id) {
    StoredResource removed = byId.remove(id);
    if (removed != null) {
      byType.get(removed.resourceType()).remove(id);
      changesByType.merge(removed.resourceType(), 1L, Long::sum);
    }
  }

  /** A committed change set, seen by readers all at once. */
  synchronized void apply(ChangeSet changes) {
    changes.puts().forEach(this::put);
    changes.deletes().forEach(this::remove);
  }

  synchronized Optional<StoredResource> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  synchronized List<StoredResource> ofType(String resourceType) {
    return new ArrayList<>(byType.getOrDefault(resourceType, Map.of()).values());
  }

  synchronized long changes(String resourceType) {
    return changesByType.getOrDefault(resourceType, 0L);
  }

  synchronized java.util.Set<String> types() {
    java.util.Set<String> types = new java.util.TreeSet<>();
    byType.forEach(
        (type, resources) -> {
          if (!resources.isEmpty()) {
            types.add(type);
          }
        });
    return types;
  }

  synchronized int size() {
    return byId.size();
  }
}
