package org.nipcgateway.core.nipc.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * The definitions operations looked up, by global name, each with the stored version of the model
 * it was found in. An entry holds while the store still returns that very version: a replaced or
 * deleted model makes its entries miss, and the name is looked up afresh. Only names that were
 * found are kept, so the entries are bounded by what the registered models define; the cap only
 * guards against models that define very many.
 */
final class Definitions {
  private static final int CAP = 10_000;

  private record Entry(StoredResource model, JsonNode definition) {}

  private final Map<String, Entry> byName = new ConcurrentHashMap<>();

  Optional<JsonNode> find(String globalName, ResourceStore store) {
    Entry entry = byName.get(globalName);
    if (entry == null) {
      return Optional.empty();
    }
    Optional<StoredResource> current = store.find(entry.model().id()).result();
    if (current != null && current.isPresent() && current.get() == entry.model()) {
      return Optional.of(entry.definition());
    }
    byName.remove(globalName, entry);
    return Optional.empty();
  }

  void remember(String globalName, StoredResource model, JsonNode definition) {
    if (byName.size() >= CAP) {
      byName.clear();
    }
    byName.put(globalName, new Entry(model, definition));
  }
}
