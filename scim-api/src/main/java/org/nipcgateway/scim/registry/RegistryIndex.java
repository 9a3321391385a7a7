package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.scim.schema.ScimPaths;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * The registry's resources in memory with the lookups reads and writes need, so that none of them
 * walks the whole registry: by id, by type in creation order, the groups of each member, and the
 * ids by value of the unique and the commonly filtered attributes. The {@link RegistryService} is
 * the only writer of its types; it applies each change set here once the store committed it, so the
 * index shows exactly the acknowledged writes. Thread-safe.
 */
final class RegistryIndex {
  static final String GROUP = ScimNames.GROUP;

  /** Filtered often, beside every unique attribute: names, external ids, addresses, app links. */
  private static final Map<String, List<String>> FILTERED =
      Map.of(
          ScimNames.DEVICE,
          List.of(
              "displayName",
              "externalId",
              ScimNames.BLE + ":deviceMacAddress",
              ScimNames.ZIGBEE + ":deviceEui64Address",
              ScimNames.ENDPOINT_APPS + ":applications.value"),
          ScimNames.ENDPOINT_APP,
          List.of("applicationName", "externalId"),
          GROUP,
          List.of("displayName", "externalId"));

  private static final Path APP_LINKS =
      ScimPaths.of(ScimNames.ENDPOINT_APPS + ":applications.value");

  private record Entry(StoredResource resource, long position) {}

  private final Map<String, ScimResourceType> types = new HashMap<>();
  private final Map<String, Entry> byId = new HashMap<>();
  private final Map<String, Map<String, StoredResource>> byType = new HashMap<>();
  private final Map<String, Set<String>> groupsByMember = new HashMap<>();

  /** By resource type, then by {@link IndexedPath#key}. */
  private final Map<String, Map<String, AttributeIndex>> attributes = new HashMap<>();

  private long nextPosition;

  private RegistryIndex(ScimSchemaCatalog catalog, List<String> typeNames) {
    for (String name : typeNames) {
      ScimResourceType type = catalog.resourceType(name);
      types.put(name, type);
      byType.put(name, new LinkedHashMap<>());
      Map<String, AttributeIndex> indexes = new HashMap<>();
      List<Path> paths = new ArrayList<>(catalog.uniqueAttributes(type));
      FILTERED.getOrDefault(name, List.of()).forEach(p -> paths.add(ScimPaths.of(p)));
      for (Path path : paths) {
        indexes.putIfAbsent(IndexedPath.key(path, type), new AttributeIndex(path));
      }
      attributes.put(name, indexes);
    }
  }

  /** Reads every resource of the types from the store. */
  static Future<RegistryIndex> load(
      ResourceStore store, ScimSchemaCatalog catalog, List<String> typeNames) {
    List<StoredResource> all = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String type : typeNames) {
      chain = chain.compose(v -> store.findAll(type).map(all::addAll).mapEmpty());
    }
    return chain.map(v -> of(catalog, typeNames, all));
  }

  /** An index of these resources, in this order. */
  static RegistryIndex of(
      ScimSchemaCatalog catalog, List<String> typeNames, List<StoredResource> resources) {
    RegistryIndex index = new RegistryIndex(catalog, typeNames);
    resources.forEach(index::put);
    return index;
  }

  /** A committed change set (only its resources of the indexed types count). */
  synchronized void apply(ChangeSet changes) {
    changes.puts().stream().filter(r -> types.containsKey(r.resourceType())).forEach(this::put);
    changes.deletes().forEach(this::remove);
  }

  synchronized Optional<StoredResource> find(String id) {
    Entry entry = byId.get(id);
    return entry == null ? Optional.empty() : Optional.of(entry.resource());
  }

  Optional<StoredResource> find(String type, String id) {
    return find(id).filter(r -> r.resourceType().equals(type));
  }

  /** Every resource of the type, in creation order; a copy. */
  synchronized List<StoredResource> ofType(String type) {
    return new ArrayList<>(byType.getOrDefault(type, Map.of()).values());
  }

  /** The groups that list the member, in the groups' creation order. */
  synchronized List<StoredResource> groupsOf(String memberId) {
    return inOrder(groupsByMember.getOrDefault(memberId, Set.of()));
  }

  /**
   * The ids of the resources of the type whose attribute (by {@link IndexedPath#key}) may have the
   * value; empty when the attribute has no index.
   */
  synchronized Optional<Set<String>> candidates(String type, String pathKey, String value) {
    AttributeIndex index = attributes.getOrDefault(type, Map.of()).get(pathKey);
    return index == null ? Optional.empty() : Optional.of(index.candidates(value));
  }

  /** The resources of the type whose attribute may have the value, in creation order. */
  List<StoredResource> mayHold(String type, Path path, String value) {
    return candidates(type, IndexedPath.key(path, types.get(type)), value)
        .map(this::inOrder)
        .orElseGet(() -> ofType(type));
  }

  /** The devices that list the endpoint app, in creation order. */
  List<StoredResource> devicesLinkedTo(String appId) {
    return mayHold(ScimNames.DEVICE, APP_LINKS, appId);
  }

  /** The resources with those ids that exist, in creation order. */
  synchronized List<StoredResource> inOrder(Set<String> ids) {
    List<Entry> found = new ArrayList<>(ids.size());
    for (String id : ids) {
      Entry entry = byId.get(id);
      if (entry != null) {
        found.add(entry);
      }
    }
    found.sort(Comparator.comparingLong(Entry::position));
    return found.stream().map(Entry::resource).toList();
  }

  /**
   * Holds the very instance the store holds (devices come packed, see {@link
   * StoredResource#packed}), parsing its attributes once for all the attribute indexes.
   */
  private void put(StoredResource resource) {
    Entry previous = byId.get(resource.id());
    if (previous != null) {
      unindex(previous.resource());
    }
    ObjectNode tree = resource.attributes();
    long position = previous == null ? nextPosition++ : previous.position();
    byId.put(resource.id(), new Entry(resource, position));
    byType.get(resource.resourceType()).put(resource.id(), resource);
    attributes
        .get(resource.resourceType())
        .values()
        .forEach(index -> index.add(resource.id(), tree));
    if (resource.resourceType().equals(GROUP)) {
      for (JsonNode member : tree.path("members")) {
        groupsByMember
            .computeIfAbsent(member.path("value").asText(), k -> new LinkedHashSet<>())
            .add(resource.id());
      }
    }
  }

  private void remove(String id) {
    Entry removed = byId.remove(id);
    if (removed != null) {
      unindex(removed.resource());
      byType.get(removed.resource().resourceType()).remove(id);
      // A deleted member's own list goes too (its groups were rewritten in the same change set).
      groupsByMember.remove(id);
    }
  }

  private void unindex(StoredResource resource) {
    ObjectNode tree = resource.attributes();
    attributes
        .get(resource.resourceType())
        .values()
        .forEach(index -> index.remove(resource.id(), tree));
    if (resource.resourceType().equals(GROUP)) {
      for (JsonNode member : tree.path("members")) {
        Set<String> groups = groupsByMember.get(member.path("value").asText());
        if (groups != null) {
          groups.remove(resource.id());
          if (groups.isEmpty()) {
            groupsByMember.remove(member.path("value").asText());
          }
        }
      }
    }
  }
}
