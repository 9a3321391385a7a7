package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * All registry resources at one moment, with the group-membership index that the read-only {@code
 * groups} attributes are computed from.
 */
public final class RegistrySnapshot {
  static final String GROUP = ScimNames.GROUP;

  private final Map<String, StoredResource> byId = new LinkedHashMap<>();
  private final Map<String, List<StoredResource>> groupsByMember = new LinkedHashMap<>();

  private RegistrySnapshot(List<StoredResource> resources) {
    for (StoredResource r : resources) {
      byId.put(r.id(), r);
      if (r.resourceType().equals(GROUP)) {
        for (JsonNode member : r.attributes().path("members")) {
          groupsByMember
              .computeIfAbsent(member.path("value").asText(), k -> new ArrayList<>())
              .add(r);
        }
      }
    }
  }

  /** Reads every resource of the given types from the store. */
  public static Future<RegistrySnapshot> load(ResourceStore store, List<String> types) {
    List<StoredResource> all = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String type : types) {
      chain = chain.compose(v -> store.findAll(type).map(all::addAll).mapEmpty());
    }
    return chain.map(v -> new RegistrySnapshot(all));
  }

  public Optional<StoredResource> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<StoredResource> find(String type, String id) {
    return find(id).filter(r -> r.resourceType().equals(type));
  }

  public List<StoredResource> ofType(String type) {
    return byId.values().stream().filter(r -> r.resourceType().equals(type)).toList();
  }

  public List<StoredResource> groupsOf(String memberId) {
    return groupsByMember.getOrDefault(memberId, List.of());
  }
}
