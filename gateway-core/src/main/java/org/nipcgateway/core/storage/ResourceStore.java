package org.nipcgateway.core.storage;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable storage of registry resources.
 *
 * <p>Every method may be called from an event loop and never blocks it; blocking I/O happens on
 * worker threads inside the implementation.
 *
 * <p>Returned resources are shared, read-only values: reads cost no copying, so a caller that wants
 * to change one works on {@link StoredResource#copy()} (or a deep copy of its JSON) and commits
 * that. A {@link ChangeSet} copies what it is given, so later changes by the caller do not reach
 * the store. A future that completed successfully from {@link #commit} means the change is durable:
 * it survives a crash of the process from that moment on.
 */
public interface ResourceStore {

  Future<Optional<StoredResource>> find(String id);

  /** All resources of one type, in creation order. */
  Future<List<StoredResource>> findAll(String resourceType);

  /** Every resource type the store holds at least one resource of. */
  java.util.Set<String> resourceTypes();

  /**
   * A count that grows whenever a resource of this type is put or deleted, so that a view built
   * from {@link #findAll} (an index by address, say) knows without listing again whether it is
   * still current. Cheap; never blocks.
   */
  long changes(String resourceType);

  /** The engine records of one kind, in creation order (read from disk: for restoring at start). */
  Future<List<EngineRecord>> records(String kind);

  /** Applies every change of the set atomically; fails with {@link StoreException} otherwise. */
  Future<Void> commit(ChangeSet changes);

  /**
   * Adds a listener told, after each commit that deleted resources, what was deleted (so that state
   * kept elsewhere for them, like enabled events, can go too). Called on an event loop.
   */
  void onRemoval(Consumer<List<StoredResource>> listener);

  /**
   * Write transactions committed since the store opened (each one fsync), for metrics: fewer than
   * commits when concurrent commits share one; 0 from a store that does not count them.
   */
  default long transactions() {
    return 0;
  }

  /** Whether the store can currently serve requests (for readiness checks). */
  boolean isOpen();

  /**
   * For {@code /health}: {@code UP}, {@code DOWN} when closed, or a word starting with {@code
   * DEGRADED} while writes fail.
   */
  default String health() {
    return isOpen() ? "UP" : "DOWN";
  }

  Future<Void> close();
}
