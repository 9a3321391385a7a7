package org.nipcgateway.core.device;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * The typed view of each device, built once per stored version rather than once per request. The
 * store hands out each version as one shared, unchanging object, so a cached view is current
 * exactly while the store still returns the very object it was built from; a device's entry goes
 * when the device is deleted, so the cache holds at most one view per stored device.
 */
public final class DeviceRecordCache {
  private record Entry(StoredResource version, Optional<DeviceRecord> record) {}

  private final Map<String, Entry> byId = new ConcurrentHashMap<>();

  public DeviceRecordCache(ResourceStore store) {
    store.onRemoval(removed -> removed.forEach(r -> byId.remove(r.id())));
  }

  /** As {@link DeviceRecords#of}, from the cache when this version was seen before. */
  public Optional<DeviceRecord> of(StoredResource resource) {
    Entry known = byId.get(resource.id());
    if (known != null && known.version() == resource) {
      return known.record();
    }
    Optional<DeviceRecord> record = DeviceRecords.of(resource);
    if (record.isPresent()) {
      byId.put(resource.id(), new Entry(resource, record));
    }
    return record;
  }
}
