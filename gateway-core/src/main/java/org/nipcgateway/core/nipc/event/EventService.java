package org.nipcgateway.core.nipc.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.nipcgateway.core.events.EventHub;
import org.nipcgateway.core.nipc.dataapp.DataAppRegistry;
import org.nipcgateway.core.nipc.group.DeviceGroups;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.EngineRecord;
import org.nipcgateway.core.storage.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enables and disables events on devices and groups (draft-ietf-asdf-nipc, "NIPC Event APIs"). Each
 * enabled instance holds the radio subscription of its devices. Instances are stored (an engine
 * record per instance, acknowledged only once on disk) and restored at start with the same ids,
 * their radio side re-established in the background.
 */
public final class EventService {
  static final String KIND = "event";
  private static final Logger LOG = LoggerFactory.getLogger(EventService.class);

  private final ResourceStore store;
  private final Clock clock;
  private final Affordances affordances;
  private final DeviceGroups groups;
  private final EventSubscriptions subscriptions;
  private final DataAppRegistry dataApps;
  private final Map<String, EventInstance> instances = new LinkedHashMap<>();

  private record EnabledKey(String deviceId, String eventName) {
    // Written out: looked up for every event, where the record's generated methods showed.
    @Override
    public boolean equals(Object other) {
      return other instanceof EnabledKey that
          && deviceId.equals(that.deviceId)
          && eventName.equals(that.eventName);
    }

    @Override
    public int hashCode() {
      return 31 * deviceId.hashCode() + eventName.hashCode();
    }
  }

  /** The devices and events some instance holds; null after {@link #instances} changed. */
  private Set<EnabledKey> enabledKeys;

  public EventService(
      ResourceStore store,
      Clock clock,
      Affordances affordances,
      DeviceGroups groups,
      EventSubscriptions subscriptions,
      DataAppRegistry dataApps,
      EventHub hub) {
    this.store = store;
    this.clock = clock;
    this.affordances = affordances;
    this.groups = groups;
    this.subscriptions = subscriptions;
    this.dataApps = dataApps;
    // Only events an application enabled go to data apps; those only triggers hold do not.
    subscriptions.listen(
        event -> {
          if (enabled(event.deviceId(), event.eventName())) {
            hub.publish(event);
          }
        });
  }

  /** Enables an event on a device; fails with the device's problem. */
  public Future<EventInstance> enable(String deviceId, String eventName) {
    refuseDuplicate(deviceId, eventName);
    // An unknown device or event is named as such before asking whether anyone would listen.
    return affordances
        .device(deviceId)
        .compose(device -> affordances.definition(device, eventName, "sdfEvent"))
        .compose(v -> requireDataApp(eventName))
        .compose(v -> enableOn(deviceId, eventName))
        .map(
            member -> {
              if (member.problem().isPresent()) {
                throw member.problem().get();
              }
              return register(deviceId, eventName, List.of(member));
            })
        .compose(instance -> persist(instance, false));
  }

  /** Enables an event on each device of a group; devices that fail carry their problem. */
  public Future<EventInstance> enableOnGroup(String groupId, String eventName) {
    refuseDuplicate(groupId, eventName);
    return requireDataApp(eventName)
        .compose(v -> groups.members(groupId))
        .compose(
            members -> {
              List<Future<DeviceHold>> enabling = new ArrayList<>();
              members.forEach(member -> enabling.add(enableOn(member, eventName)));
              return Future.all(enabling)
                  .map(
                      all ->
                          register(
                              groupId, eventName, enabling.stream().map(Future::result).toList()));
            })
        .compose(instance -> persist(instance, true));
  }

  /**
   * Disables an instance, once its record is gone from the store; fails with event-not-enabled when
   * there is no such instance.
   */
  public Future<EventInstance> disable(String ownerId, String instanceId) {
    EventInstance instance;
    synchronized (this) {
      instance = find(ownerId, instanceId).orElseThrow(() -> notEnabled(instanceId));
      instances.remove(instanceId);
      enabledKeys = null;
    }
    instance.release();
    return store.commit(new ChangeSet().deleteRecord(instanceId)).map(instance);
  }

  /**
   * Brings back the instances stored before the gateway stopped, with their ids; each device's
   * radio side is re-established in the background (the start does not wait for radios).
   */
  public Future<Void> restore() {
    return store
        .records(KIND)
        .compose(
            records -> {
              List<Future<EventInstance>> restored = new ArrayList<>();
              records.forEach(r -> restored.add(restore(r)));
              return Future.join(restored)
                  .transform(
                      v -> {
                        long count = restored.stream().filter(Future::succeeded).count();
                        if (!records.isEmpty()) {
                          LOG.info("Restored {} of {} enabled events", count, records.size());
                        }
                        return Future.<Void>succeededFuture();
                      });
            });
  }

  private Future<EventInstance> restore(EngineRecord record) {
    String eventName = record.state().path("eventName").asText();
    return DeviceHold.restoreAll(
            affordances,
            groups,
            subscriptions,
            record.ownerId(),
            record.state().path("group").asBoolean(),
            eventName)
        .map(
            members -> {
              EventInstance instance =
                  new EventInstance(record.id(), record.ownerId(), eventName, members);
              synchronized (this) {
                instances.put(instance.instanceId(), instance);
                enabledKeys = null;
              }
              return instance;
            })
        .onFailure(e -> LOG.warn("Enabled event {} not restored: {}", record.id(), e.getMessage()));
  }

  /** Stores the instance before it is acknowledged; one that cannot be stored is not kept. */
  private Future<EventInstance> persist(EventInstance instance, boolean group) {
    ObjectNode state =
        JsonNodeFactory.instance
            .objectNode()
            .put("eventName", instance.eventName())
            .put("group", group);
    EngineRecord record =
        new EngineRecord(instance.instanceId(), KIND, instance.ownerId(), clock.instant(), state);
    return store
        .commit(new ChangeSet().put(record))
        .map(instance)
        .onFailure(
            e -> {
              synchronized (this) {
                instances.remove(instance.instanceId());
                enabledKeys = null;
              }
              instance.release();
            });
  }

  /** Whether an instance holds the event of the device: asked for every event, so indexed. */
  private synchronized boolean enabled(String deviceId, String eventName) {
    if (enabledKeys == null) {
      Set<EnabledKey> keys = new HashSet<>();
      for (EventInstance instance : instances.values()) {
        for (DeviceHold member : instance.members()) {
          if (member.hold().isPresent()) {
            keys.add(new EnabledKey(member.deviceId(), instance.eventName()));
          }
        }
      }
      enabledKeys = keys;
    }
    return enabledKeys.contains(new EnabledKey(deviceId, eventName));
  }

  /**
   * Forgets what belonged to resources that were deleted: instances enabled on them, and their part
   * in group instances (so a deleted device does not keep a radio subscription, or a link).
   */
  public void forget(Set<String> deletedIds) {
    List<DeviceHold> released = new ArrayList<>();
    synchronized (this) {
      for (EventInstance instance : List.copyOf(instances.values())) {
        if (deletedIds.contains(instance.ownerId())) {
          instances.remove(instance.instanceId());
          enabledKeys = null;
          released.addAll(instance.members());
          continue;
        }
        List<DeviceHold> kept = DeviceHold.withoutDeleted(instance.members(), deletedIds, released);
        if (kept.size() != instance.members().size()) {
          instances.put(
              instance.instanceId(),
              new EventInstance(
                  instance.instanceId(), instance.ownerId(), instance.eventName(), kept));
          enabledKeys = null;
        }
      }
    }
    released.forEach(DeviceHold::release);
  }

  /** The instances of a device or group, all or those named. */
  public synchronized List<EventInstance> instances(String ownerId) {
    return instances.values().stream().filter(i -> i.ownerId().equals(ownerId)).toList();
  }

  public synchronized Optional<EventInstance> find(String ownerId, String instanceId) {
    return Optional.ofNullable(instances.get(instanceId)).filter(i -> i.ownerId().equals(ownerId));
  }

  public static NipcException notEnabled(String instanceId) {
    return NipcException.of(
        NipcProblem.EVENT_NOT_ENABLED, "No event instance " + instanceId + " is enabled here");
  }

  /** An event goes to data apps; enabling one that no data app is registered for is refused. */
  private Future<Void> requireDataApp(String eventName) {
    return dataApps
        .anyFor(eventName)
        .map(
            registered -> {
              if (!registered) {
                throw NipcException.of(
                    NipcProblem.EVENT_NOT_REGISTERED,
                    "No data app is registered for "
                        + eventName
                        + "; register one at /registrations/data-apps first");
              }
              return null;
            });
  }

  private Future<DeviceHold> enableOn(String deviceId, String eventName) {
    return DeviceHold.acquire(affordances, subscriptions, deviceId, eventName);
  }

  private synchronized void refuseDuplicate(String ownerId, String eventName) {
    Optional<NipcException> duplicate = duplicate(ownerId, eventName);
    if (duplicate.isPresent()) {
      throw duplicate.get();
    }
  }

  private synchronized Optional<NipcException> duplicate(String ownerId, String eventName) {
    return instances.values().stream()
        .filter(i -> i.ownerId().equals(ownerId) && i.eventName().equals(eventName))
        .findFirst()
        .map(
            i ->
                NipcException.of(
                    NipcProblem.EVENT_ALREADY_ENABLED,
                    "Event "
                        + eventName
                        + " is already enabled on "
                        + ownerId
                        + " as instance "
                        + i.instanceId()));
  }

  /** Keeps the new instance, unless a concurrent request enabled the same event meanwhile. */
  private EventInstance register(String ownerId, String eventName, List<DeviceHold> members) {
    EventInstance instance =
        new EventInstance(UUID.randomUUID().toString(), ownerId, eventName, members);
    Optional<NipcException> duplicate;
    synchronized (this) {
      duplicate = duplicate(ownerId, eventName);
      if (duplicate.isEmpty()) {
        instances.put(instance.instanceId(), instance);
        enabledKeys = null;
        return instance;
      }
    }
    instance.release();
    throw duplicate.get();
  }
}
