package org.nipcgateway.core.nipc.unonboarded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.nipcgateway.core.device.BleSenderIndex;
import org.nipcgateway.core.events.EventHub;
import org.nipcgateway.core.events.UnonboardedAdvertisement;
import org.nipcgateway.core.nipc.dataapp.DataAppRegistry;
import org.nipcgateway.core.nipc.event.EventSubscriptions.ScanningHold;
import org.nipcgateway.core.radio.BleAdvertisement;
import org.nipcgateway.core.radio.BleListener;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.EngineRecord;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.core.storage.TaskSequencer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advertisements of BLE devices that no SCIM device stands for, to the data apps an operator
 * granted them (draft-ietf-asdf-nipc allows them without {@code deviceID}). Nothing goes anywhere
 * without a grant; a grant names what it lets through and how many per second. Grants are engine
 * records owned by the data app's registration, so they survive restarts and go with the
 * registration. While there is a grant, BLE scanning is held on.
 *
 * <p>Threading: the radio calls the listener methods on an event loop; requests come on one too.
 * Nothing here blocks.
 */
public final class UnonboardedAdvertisements implements BleListener {
  static final String KIND = "unonboarded-advertisements";
  private static final Logger LOG = LoggerFactory.getLogger(UnonboardedAdvertisements.class);

  private final ResourceStore store;
  private final BleSenderIndex senders;
  private final EventHub hub;
  private final Supplier<Future<ScanningHold>> scanning;
  private final Clock clock;
  private final Map<String, Granted> grants = new java.util.concurrent.ConcurrentHashMap<>();
  private final TaskSequencer writes = new TaskSequencer();
  private ScanningHold hold;
  private boolean asking;

  private record Granted(AdvertisementGrant grant, PerSecondBudget budget) {
    ObjectNode json() {
      ObjectNode out = grant.json();
      out.put("delivered", budget.delivered());
      out.put("droppedOverRate", budget.dropped());
      return out;
    }
  }

  public UnonboardedAdvertisements(
      ResourceStore store, EventHub hub, Supplier<Future<ScanningHold>> scanning, Clock clock) {
    this.store = store;
    this.senders = new BleSenderIndex(store);
    this.hub = hub;
    this.scanning = scanning;
    this.clock = clock;
  }

  /**
   * Grants from before the restart whose data app is still registered (the store deletes a grant
   * with its registration); scanning goes on again if there are any.
   */
  public Future<Void> restore() {
    return store
        .records(KIND)
        .compose(records -> store.findAll(DataAppRegistry.TYPE).map(apps -> owned(records, apps)))
        .map(
            records -> {
              for (EngineRecord record : records) {
                String dataAppId = record.id().substring(KIND.length() + 1);
                try {
                  adopt(AdvertisementGrant.parse(dataAppId, record.state()));
                } catch (IllegalArgumentException e) {
                  LOG.warn(
                      "Grant of not-onboarded advertisements to {} ignored: {}",
                      dataAppId,
                      e.getMessage());
                }
              }
              scanWhileGranted();
              return null;
            });
  }

  /**
   * Grants (or replaces the grant of) a registered data app; true when it is new. Fails with {@link
   * IllegalArgumentException} for a bad body, {@link java.util.NoSuchElementException} when no such
   * data app is registered.
   */
  public Future<Boolean> grant(String dataAppId, com.fasterxml.jackson.databind.JsonNode body) {
    AdvertisementGrant grant;
    try {
      grant = AdvertisementGrant.parse(dataAppId, body);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String owner = DataAppRegistry.resourceId(dataAppId);
    return writes.submit(
        () ->
            store
                .find(owner)
                .compose(
                    registration -> {
                      if (registration.isEmpty()) {
                        throw new java.util.NoSuchElementException(
                            "no data app " + dataAppId + " is registered");
                      }
                      ObjectNode state = grant.json();
                      state.remove("dataAppId");
                      return store.commit(
                          new ChangeSet()
                              .put(
                                  new EngineRecord(
                                      recordId(dataAppId), KIND, owner, clock.instant(), state)));
                    })
                // The registration may have been deleted while the grant was written; a grant
                // must not outlive it.
                .compose(v -> store.find(owner))
                .compose(
                    still ->
                        still.isPresent()
                            ? Future.<Void>succeededFuture()
                            : store
                                .commit(new ChangeSet().deleteRecord(recordId(dataAppId)))
                                .compose(
                                    gone ->
                                        Future.failedFuture(
                                            new java.util.NoSuchElementException(
                                                "no data app " + dataAppId + " is registered"))))
                .map(
                    v -> {
                      boolean created = adopt(grant);
                      LOG.info(
                          "Data app {} may receive advertisements of not-onboarded devices",
                          dataAppId);
                      scanWhileGranted();
                      return created;
                    }));
  }

  /** Withdraws a grant; false when there was none. */
  public Future<Boolean> revoke(String dataAppId) {
    return writes.submit(
        () -> {
          if (!grants.containsKey(dataAppId)) {
            return Future.succeededFuture(false);
          }
          return store
              .commit(new ChangeSet().deleteRecord(recordId(dataAppId)))
              .map(
                  v -> {
                    grants.remove(dataAppId);
                    LOG.info(
                        "Data app {} no longer receives not-onboarded advertisements", dataAppId);
                    scanWhileGranted();
                    return true;
                  });
        });
  }

  private static List<EngineRecord> owned(List<EngineRecord> records, List<StoredResource> apps) {
    Set<String> registered = new java.util.HashSet<>();
    apps.forEach(app -> registered.add(app.id()));
    return records.stream().filter(r -> registered.contains(r.ownerId())).toList();
  }

  /** One grant with its counters ({@code delivered}, {@code droppedOverRate}). */
  public Optional<ObjectNode> shown(String dataAppId) {
    return Optional.ofNullable(grants.get(dataAppId)).map(Granted::json);
  }

  /** Every grant with its counters, by data app id. */
  public List<ObjectNode> all() {
    return new TreeMap<>(grants).values().stream().map(Granted::json).toList();
  }

  /** Registrations were deleted: their grants went with them in the store, now here too. */
  public void forget(Collection<StoredResource> removed) {
    Set<String> ids = new java.util.HashSet<>();
    removed.forEach(r -> ids.add(r.id()));
    if (grants
        .values()
        .removeIf(g -> ids.contains(DataAppRegistry.resourceId(g.grant().dataAppId())))) {
      scanWhileGranted();
    }
  }

  @Override
  public void advertisement(BleAdvertisement advertisement) {
    if (grants.isEmpty()) {
      return;
    }
    List<Granted> wanting =
        grants.values().stream().filter(g -> g.grant().filter().matches(advertisement)).toList();
    if (wanting.isEmpty()) {
      return;
    }
    // Only what passed a filter costs the look-up (by address, then through the devices' IRKs).
    senders
        .deviceSending(advertisement.address())
        .onSuccess(
            device -> {
              if (device.isPresent()) {
                return;
              }
              for (Granted granted : wanting) {
                if (granted.budget().take()) {
                  hub.publish(forApp(granted.grant(), advertisement));
                }
              }
            });
  }

  @Override
  public void stateChanged(RadioState state) {
    if (state == RadioState.UP) {
      scanWhileGranted();
      return;
    }
    synchronized (this) {
      // The radio stopped scanning by itself; once it is up the hold is made anew.
      if (hold != null) {
        hold.forget().run();
        hold = null;
      }
    }
  }

  private UnonboardedAdvertisement forApp(
      AdvertisementGrant grant, BleAdvertisement advertisement) {
    OptionalInt rssi =
        grant.includeRssi() && advertisement.rssi() < 0
            ? OptionalInt.of(advertisement.rssi())
            : OptionalInt.empty();
    return new UnonboardedAdvertisement(
        grant.dataAppId(), clock.instant(), advertisement.address(), rssi, advertisement.payload());
  }

  private boolean adopt(AdvertisementGrant grant) {
    return grants.put(
            grant.dataAppId(), new Granted(grant, new PerSecondBudget(grant.maxPerSecond(), clock)))
        == null;
  }

  /** Scanning on while there is a grant, off when the last one goes. */
  private synchronized void scanWhileGranted() {
    if (grants.isEmpty() && hold != null) {
      hold.release().run();
      hold = null;
    } else if (!grants.isEmpty() && hold == null && !asking) {
      asking = true;
      scanning
          .get()
          .onComplete(
              asked -> {
                synchronized (this) {
                  asking = false;
                  if (asked.failed()) {
                    // Asked again when the radio reports it is up.
                    LOG.debug(
                        "Scanning for not-onboarded advertisements: {}",
                        asked.cause().getMessage());
                    return;
                  }
                  hold = asked.result();
                }
                scanWhileGranted();
              });
    }
  }

  private static String recordId(String dataAppId) {
    return KIND + ":" + dataAppId;
  }
}
