package org.nipcgateway.core.metrics;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.EngineRecord;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * Times every commit of a store until it is durable or failed ({@code nipc_store_commit_seconds})
 * and counts its transactions ({@code nipc_store_transactions_total}: fewer than commits when
 * concurrent commits share one); reads come from memory and are not timed.
 */
public final class MeteredResourceStore implements ResourceStore {
  private final ResourceStore store;
  private final GatewayMetrics metrics;

  public MeteredResourceStore(ResourceStore store, GatewayMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
    metrics.storeTransactions(store);
  }

  @Override
  public long transactions() {
    return store.transactions();
  }

  @Override
  public Future<Void> commit(ChangeSet changes) {
    long began = System.nanoTime();
    return store
        .commit(changes)
        .andThen(done -> metrics.storeCommit(Duration.ofNanos(System.nanoTime() - began)));
  }

  @Override
  public Future<Optional<StoredResource>> find(String id) {
    return store.find(id);
  }

  @Override
  public Future<List<StoredResource>> findAll(String resourceType) {
    return store.findAll(resourceType);
  }

  @Override
  public long changes(String resourceType) {
    return store.changes(resourceType);
  }

  @Override
  public Set<String> resourceTypes() {
    return store.resourceTypes();
  }

  @Override
  public Future<List<EngineRecord>> records(String kind) {
    return store.records(kind);
  }

  @Override
  public void onRemoval(Consumer<List<StoredResource>> listener) {
    store.onRemoval(listener);
  }

  @Override
  public boolean isOpen() {
    return store.isOpen();
  }

  @Override
  public String health() {
    return store.health();
  }

  @Override
  public Future<Void> close() {
    return store.close();
  }
}
