package org.nipcgateway.core.nipc.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.GattService;

/**
 * Discovered GATT services per peripheral, kept for the duration a connection request asks for
 * ({@code cacheExpiryDuration}), so a later connection with {@code cached: true} skips discovery.
 */
final class ServiceCache {
  private record Entry(List<GattService> services, Instant expires) {}

  private final Clock clock;
  private final Map<BleAddress, Entry> entries = new ConcurrentHashMap<>();

  ServiceCache(Clock clock) {
    this.clock = clock;
  }

  void put(BleAddress mac, List<GattService> services, Duration keep) {
    entries.put(mac, new Entry(services, clock.instant().plus(keep)));
  }

  /** The services cached for the peripheral, unless they expired. */
  Optional<List<GattService>> get(BleAddress key) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.expires())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.services());
  }
}
