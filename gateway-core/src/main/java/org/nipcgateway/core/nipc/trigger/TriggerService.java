package org.nipcgateway.core.nipc.trigger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.nipcgateway.core.events.DeviceEvent;
import org.nipcgateway.core.events.DeviceEventListener;
import org.nipcgateway.core.nipc.action.ActionService;
import org.nipcgateway.core.nipc.event.DeviceHold;
import org.nipcgateway.core.nipc.event.EventSubscriptions;
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
 * Triggers (draft-ietf-asdf-nipc, "NIPC Trigger APIs"): an event on a device or group runs an
 * action on a device or group, whatever radio either uses. A trigger holds its event's
 * subscription, so the event is on while the trigger is installed. Triggers are stored
 * (acknowledged once on disk) and restored at start with the same ids, their events re-established
 * in the background.
 */
public final class TriggerService implements DeviceEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerService.class);
  private static final String KIND = "trigger";

  private final ResourceStore store;
  private final Clock clock;
  private final Affordances affordances;
  private final DeviceGroups groups;
  private final EventSubscriptions subscriptions;
  private final ActionService actions;
  private final Map<String, Trigger> triggers = new LinkedHashMap<>();

  public TriggerService(
      ResourceStore store,
      Clock clock,
      Affordances affordances,
      DeviceGroups groups,
      EventSubscriptions subscriptions,
      ActionService actions) {
    this.store = store;
    this.clock = clock;
    this.affordances = affordances;
    this.groups = groups;
    this.subscriptions = subscriptions;
    this.actions = actions;
    subscriptions.listen(this);
  }

  /** Installs a trigger on a device, or on each device of a group. */
  public Future<Trigger> install(
      String ownerId, boolean onGroup, String eventName, ActionReference action) {
    refuseDuplicate(ownerId, eventName);
    Future<List<String>> devices =
        onGroup ? groups.members(ownerId) : Future.succeededFuture(List.of(ownerId));
    return checkAction(action)
        .compose(v -> devices)
        .compose(
            ids -> {
              List<Future<DeviceHold>> members = new ArrayList<>();
              ids.forEach(
                  id -> members.add(DeviceHold.acquire(affordances, subscriptions, id, eventName)));
              return Future.all(members).map(all -> members.stream().map(Future::result).toList());
            })
        .map(
            members -> {
              if (!onGroup && members.get(0).problem().isPresent()) {
                throw members.get(0).problem().get();
              }
              return register(
                  new Trigger(UUID.randomUUID().toString(), ownerId, eventName, action, members));
            })
        .compose(trigger -> persist(trigger, onGroup));
  }

  /** Brings back the triggers stored before the gateway stopped, with their ids. */
  public Future<Void> restore() {
    return store
        .records(KIND)
        .compose(
            records -> {
              List<Future<Trigger>> restored = new ArrayList<>();
              records.forEach(r -> restored.add(restore(r)));
              return Future.join(restored)
                  .transform(
                      v -> {
                        if (!records.isEmpty()) {
                          LOG.info(
                              "Restored {} of {} triggers",
                              restored.stream().filter(Future::succeeded).count(),
                              records.size());
                        }
                        return Future.<Void>succeededFuture();
                      });
            });
  }

  private Future<Trigger> restore(EngineRecord record) {
    String eventName = record.state().path("eventName").asText();
    ActionReference action;
    try {
      action = ActionReference.parse(record.state().path("action").asText());
    } catch (NipcException e) {
      return Future.failedFuture(e);
    }
    return DeviceHold.restoreAll(
            affordances,
            groups,
            subscriptions,
            record.ownerId(),
            record.state().path("group").asBoolean(),
            eventName)
        .map(
            members -> {
              Trigger trigger =
                  new Trigger(record.id(), record.ownerId(), eventName, action, members);
              synchronized (this) {
                triggers.put(trigger.instanceId(), trigger);
              }
              return trigger;
            })
        .onFailure(e -> LOG.warn("Trigger {} not restored: {}", record.id(), e.getMessage()));
  }

  /** Stores the trigger before it is acknowledged; one that cannot be stored is not kept. */
  private Future<Trigger> persist(Trigger trigger, boolean group) {
    ObjectNode state =
        JsonNodeFactory.instance
            .objectNode()
            .put("eventName", trigger.eventName())
            .put("action", trigger.action().uri())
            .put("group", group);
    EngineRecord record =
        new EngineRecord(trigger.instanceId(), KIND, trigger.ownerId(), clock.instant(), state);
    return store
        .commit(new ChangeSet().put(record))
        .map(trigger)
        .onFailure(
            e -> {
              synchronized (this) {
                triggers.remove(trigger.instanceId());
              }
              trigger.release();
            });
  }

  /** Deletes a trigger, once its record is gone from the store. */
  public Future<Trigger> delete(String ownerId, String instanceId) {
    Trigger trigger;
    synchronized (this) {
      trigger = find(ownerId, instanceId).orElseThrow(() -> notInstalled(instanceId));
      triggers.remove(instanceId);
    }
    trigger.release();
    return store.commit(new ChangeSet().deleteRecord(instanceId)).map(trigger);
  }

  /** Deletes every trigger installed on the device or group; none is not an error. */
  public Future<List<Trigger>> deleteAll(String ownerId) {
    List<Trigger> removed;
    synchronized (this) {
      removed = triggers(ownerId);
      removed.forEach(trigger -> triggers.remove(trigger.instanceId()));
    }
    removed.forEach(Trigger::release);
    if (removed.isEmpty()) {
      return Future.succeededFuture(removed);
    }
    ChangeSet records = new ChangeSet();
    removed.forEach(trigger -> records.deleteRecord(trigger.instanceId()));
    return store.commit(records).map(removed);
  }

  /** What asking for a trigger instance that is not installed on the device or group answers. */
  public static NipcException notInstalled(String instanceId) {
    return NipcException.generic(404, "no trigger instance " + instanceId + " is installed here");
  }

  /** Forgets triggers on deleted devices or groups, and deleted devices' part in group triggers. */
  public void forget(Set<String> deletedIds) {
    List<DeviceHold> released = new ArrayList<>();
    synchronized (this) {
      for (Trigger trigger : List.copyOf(triggers.values())) {
        if (deletedIds.contains(trigger.ownerId())) {
          triggers.remove(trigger.instanceId());
          released.addAll(trigger.members());
          continue;
        }
        List<DeviceHold> kept = DeviceHold.withoutDeleted(trigger.members(), deletedIds, released);
        if (kept.size() != trigger.members().size()) {
          triggers.put(
              trigger.instanceId(),
              new Trigger(
                  trigger.instanceId(),
                  trigger.ownerId(),
                  trigger.eventName(),
                  trigger.action(),
                  kept));
        }
      }
    }
    released.forEach(DeviceHold::release);
  }

  public synchronized List<Trigger> triggers(String ownerId) {
    return triggers.values().stream().filter(t -> t.ownerId().equals(ownerId)).toList();
  }

  public synchronized Optional<Trigger> find(String ownerId, String instanceId) {
    return Optional.ofNullable(triggers.get(instanceId)).filter(t -> t.ownerId().equals(ownerId));
  }

  @Override
  public void onEvent(DeviceEvent event) {
    List<Trigger> fired;
    synchronized (this) {
      if (triggers.isEmpty()) {
        return; // the common case, asked for every event
      }
      fired =
          triggers.values().stream()
              .filter(t -> t.listensTo(event.deviceId(), event.eventName()))
              .toList();
    }
    for (Trigger trigger : fired) {
      ActionReference action = trigger.action();
      (action.group()
              ? actions.startOnGroup(action.targetId(), action.actionName(), new byte[0])
              : actions.start(action.targetId(), action.actionName(), new byte[0]))
          .onSuccess(
              run ->
                  LOG.debug(
                      "Trigger {} ran {} as {}",
                      trigger.instanceId(),
                      action.uri(),
                      run.instanceId()))
          .onFailure(
              e ->
                  LOG.warn(
                      "Trigger {} could not run {}: {}",
                      trigger.instanceId(),
                      action.uri(),
                      e.getMessage()));
    }
  }

  /** The action must name a device (and an action it has) or a group that exists now. */
  private Future<Void> checkAction(ActionReference action) {
    if (action.group()) {
      return groups.members(action.targetId()).mapEmpty();
    }
    return affordances
        .device(action.targetId())
        .compose(device -> affordances.definition(device, action.actionName(), "sdfAction"))
        .mapEmpty();
  }

  private synchronized void refuseDuplicate(String ownerId, String eventName) {
    duplicate(ownerId, eventName)
        .ifPresent(
            e -> {
              throw e;
            });
  }

  private synchronized Optional<NipcException> duplicate(String ownerId, String eventName) {
    return triggers.values().stream()
        .filter(t -> t.ownerId().equals(ownerId) && t.eventName().equals(eventName))
        .findFirst()
        .map(
            t ->
                NipcException.of(
                    NipcProblem.TRIGGER_ALREADY_ENABLED,
                    "A trigger for " + eventName + " is already installed as " + t.instanceId()));
  }

  private Trigger register(Trigger trigger) {
    Optional<NipcException> duplicate;
    synchronized (this) {
      duplicate = duplicate(trigger.ownerId(), trigger.eventName());
      if (duplicate.isEmpty()) {
        triggers.put(trigger.instanceId(), trigger);
        return trigger;
      }
    }
    trigger.release();
    throw duplicate.get();
  }
}
