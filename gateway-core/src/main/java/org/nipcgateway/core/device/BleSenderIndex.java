package org.nipcgateway.core.device;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.ResolvablePrivateAddress;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * Which SCIM device, if any, sent from a BLE address: its own address and its {@code
 * separateBroadcastAddress}es by hash look-up, a resolvable private address through the IRKs of the
 * devices that have one (the same rule as {@link BleIdentity#sentFrom}). The index is built from
 * the store's devices once per change to them ({@link ResourceStore#changes}), not once per
 * advertisement; resolved private addresses are remembered (a bounded number) until the devices
 * change, since a peripheral keeps one for minutes and advertises from it many times a second.
 *
 * <p>Threading: called on an event loop; never blocks.
 */
public final class BleSenderIndex {
  /** Private addresses remembered between changes to the devices. */
  static final int RESOLVED_KEPT = 4096;

  private record Irk(String deviceId, byte[] key) {}

  private record Built(long changes, Map<BleAddress, String> byAddress, List<Irk> irks) {}

  private final ResourceStore store;
  private final DeviceRecordCache records;
  private final Map<BleAddress, Optional<String>> resolved =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BleAddress, Optional<String>> eldest) {
          return size() > RESOLVED_KEPT;
        }
      };
  private Built built;
  private int builds;

  public BleSenderIndex(ResourceStore store) {
    this.store = store;
    this.records = new DeviceRecordCache(store);
  }

  /** The id of the device that sent from this address, or empty when no device did. */
  public Future<Optional<String>> deviceSending(BleAddress sender) {
    return current().map(index -> lookUp(index, sender));
  }

  /** How often the index was built (for tests showing it is not rebuilt per advertisement). */
  synchronized int builds() {
    return builds;
  }

  private Future<Built> current() {
    long changes = store.changes(ScimNames.DEVICE);
    synchronized (this) {
      if (built != null && built.changes() == changes) {
        return Future.succeededFuture(built);
      }
    }
    // The count is read before the listing: a change in between makes the next look-up rebuild.
    return store.findAll(ScimNames.DEVICE).map(all -> adopt(build(changes, all)));
  }

  private Built build(long changes, List<StoredResource> all) {
    Map<BleAddress, String> byAddress = new HashMap<>();
    List<Irk> irks = new ArrayList<>();
    for (StoredResource resource : all) {
      records
          .of(resource)
          .flatMap(DeviceRecord::ble)
          .ifPresent(
              ble -> {
                byAddress.putIfAbsent(ble.address(), resource.id());
                ble.broadcastAddresses().forEach(a -> byAddress.putIfAbsent(a, resource.id()));
                ble.credentials()
                    .identityResolvingKey()
                    .ifPresent(key -> irks.add(new Irk(resource.id(), key)));
              });
    }
    return new Built(changes, byAddress, List.copyOf(irks));
  }

  private synchronized Built adopt(Built fresh) {
    if (built == null || built.changes() != fresh.changes()) {
      built = fresh;
      resolved.clear();
      builds++;
    }
    return built;
  }

  private Optional<String> lookUp(Built index, BleAddress sender) {
    String direct = index.byAddress().get(sender);
    if (direct != null) {
      return Optional.of(direct);
    }
    if (index.irks().isEmpty() || !ResolvablePrivateAddress.isResolvable(sender)) {
      return Optional.empty();
    }
    synchronized (this) {
      if (index == built && resolved.containsKey(sender)) {
        return resolved.get(sender);
      }
    }
    Optional<String> found = Optional.empty();
    for (Irk irk : index.irks()) {
      if (ResolvablePrivateAddress.resolves(irk.key(), sender)) {
        found = Optional.of(irk.deviceId());
        break;
      }
    }
    synchronized (this) {
      if (index == built) {
        resolved.put(sender, found);
      }
    }
    return found;
  }
}
