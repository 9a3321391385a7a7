package org.nipcgateway.core.storage;

import java.util.ArrayList;
import java.util.List;
import org.nipcgateway.core.device.ScimNames;

/**
 * Writes that the store applies all together or not at all: registry resources and the engine's
 * records. Deleting a resource also deletes the engine records it owns.
 */
public final class ChangeSet {
  private final List<StoredResource> puts = new ArrayList<>();
  private final List<String> deletes = new ArrayList<>();
  private final List<EngineRecord> recordPuts = new ArrayList<>();
  private final List<String> recordDeletes = new ArrayList<>();

  public static ChangeSet of(StoredResource put) {
    return new ChangeSet().put(put);
  }

  /**
   * Inserts the resource, or replaces the one with its id. What the store keeps is a copy; a
   * device's is {@link StoredResource#packed} (devices are what a registry has 100,000 of).
   */
  public ChangeSet put(StoredResource resource) {
    puts.add(kept(resource));
    return this;
  }

  /** The form the store keeps of a resource: packed for a device, else a copy. */
  static StoredResource kept(StoredResource resource) {
    return resource.resourceType().equals(ScimNames.DEVICE) ? resource.packed() : resource.copy();
  }

  public ChangeSet delete(String id) {
    deletes.add(id);
    return this;
  }

  /** Inserts the engine record, or replaces the one with its id. */
  public ChangeSet put(EngineRecord record) {
    recordPuts.add(record);
    return this;
  }

  public ChangeSet deleteRecord(String id) {
    recordDeletes.add(id);
    return this;
  }

  public List<EngineRecord> recordPuts() {
    return List.copyOf(recordPuts);
  }

  public List<String> recordDeletes() {
    return List.copyOf(recordDeletes);
  }

  public List<StoredResource> puts() {
    return List.copyOf(puts);
  }

  public List<String> deletes() {
    return List.copyOf(deletes);
  }

  public boolean isEmpty() {
    return puts.isEmpty() && deletes.isEmpty() && recordPuts.isEmpty() && recordDeletes.isEmpty();
  }
}
