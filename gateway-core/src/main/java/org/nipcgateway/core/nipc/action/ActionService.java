package org.nipcgateway.core.nipc.action;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nipcgateway.core.nipc.group.DeviceGroups;
import org.nipcgateway.core.nipc.link.RadioProblems;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.operation.RadioAccess;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.EngineRecord;
import org.nipcgateway.core.storage.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs actions asynchronously (draft-ietf-asdf-nipc, "NIPC Action APIs"): a start checks what it
 * can at once (device, action, protocol map) and returns the run; the radio work goes on in the
 * background and its outcome is kept for status queries, in the store too (a run is acknowledged
 * once stored, and its outcome written when it ends), so status outlives a restart until it
 * expires.
 */
public final class ActionService {
  private static final Logger LOG = LoggerFactory.getLogger(ActionService.class);

  private final Affordances affordances;
  private final DeviceGroups groups;
  private final RadioAccess radios;
  private final ActionRuns runs;
  private final ResourceStore store;

  /** When each kept run was started, for its record. */
  private final java.util.Map<String, java.time.Instant> startedAt =
      new java.util.concurrent.ConcurrentHashMap<>();

  public ActionService(
      ResourceStore store,
      Affordances affordances,
      DeviceGroups groups,
      RadioAccess radios,
      Clock clock) {
    this.store = store;
    this.affordances = affordances;
    this.groups = groups;
    this.radios = radios;
    this.runs = new ActionRuns(clock, Duration.ofHours(1), 10_000);
  }

  /** Starts an action on a device; fails at once when the device or action is unknown. */
  public Future<ActionRun> start(String deviceId, String actionName, byte[] payload) {
    return prepare(deviceId, actionName)
        .map(
            target -> {
              ActionRun.DeviceRun device = new ActionRun.DeviceRun(deviceId);
              ActionRun run = register(deviceId, actionName, List.of(device));
              launch(run, target, device, actionName, payload);
              return run;
            })
        .compose(this::persist);
  }

  /**
   * Starts an action on every device of a group. A device that cannot run it gets its problem in
   * the run instead of failing the whole request.
   */
  public Future<ActionRun> startOnGroup(String groupId, String actionName, byte[] payload) {
    return groups
        .members(groupId)
        .compose(
            members -> {
              List<ActionRun.DeviceRun> devices = new ArrayList<>();
              List<Future<ActionTarget>> prepared = new ArrayList<>();
              for (String member : members) {
                ActionRun.DeviceRun device = new ActionRun.DeviceRun(member);
                devices.add(device);
                prepared.add(prepare(member, actionName).onFailure(e -> finish(null, device, e)));
              }
              return Future.join(prepared)
                  .transform(
                      v -> {
                        ActionRun run = register(groupId, actionName, devices);
                        launchAll(run, devices, prepared, actionName, payload);
                        return persist(run);
                      });
            });
  }

  /**
   * Launches a group's action: as one groupcast when every member is a Zigbee device mapped to the
   * same cluster command (the radio sends it once, to a Zigbee group of them), else per device.
   */
  private void launchAll(
      ActionRun run,
      List<ActionRun.DeviceRun> devices,
      List<Future<ActionTarget>> prepared,
      String actionName,
      byte[] payload) {
    List<ActionTarget.Zigbee> zigbee = new ArrayList<>();
    for (Future<ActionTarget> target : prepared) {
      if (target.succeeded() && target.result() instanceof ActionTarget.Zigbee z) {
        zigbee.add(z);
      }
    }
    boolean groupcast =
        zigbee.size() > 1
            && zigbee.size() == prepared.size()
            && zigbee.stream().allMatch(z -> z.command().equals(zigbee.get(0).command()));
    if (!groupcast) {
      for (int i = 0; i < prepared.size(); i++) {
        if (prepared.get(i).succeeded()) {
          launch(run, prepared.get(i).result(), devices.get(i), actionName, payload);
        }
      }
      return;
    }
    List<org.nipcgateway.core.radio.Eui64> nodes =
        zigbee.stream().map(z -> z.device().zigbee().orElseThrow()).toList();
    var answers =
        radios.calls().zigbee().groupCommand(nodes, zigbee.get(0).command(), payload.clone());
    for (int i = 0; i < zigbee.size(); i++) {
      ActionTarget.Zigbee target = zigbee.get(i);
      Future<org.nipcgateway.core.radio.DeviceAnswer<byte[]>> answer =
          radios.calls().bounded(answers.get(nodes.get(i))).map(ActionTarget.Zigbee::payloadOf);
      settle(run, answer, target, devices.get(i), actionName);
    }
  }

  /** Brings back the runs stored before a restart that have not expired; deletes the others. */
  public Future<Void> restore() {
    return store
        .records(ActionRunRecords.KIND)
        .compose(
            records -> {
              ChangeSet expired = new ChangeSet();
              for (EngineRecord record : records) {
                ActionRun run = ActionRunRecords.restore(record, runs.clock().instant());
                if (runs.expired(run)) {
                  expired.deleteRecord(run.instanceId());
                  continue;
                }
                startedAt.put(run.instanceId(), record.created());
                runs.add(run).forEach(expired::deleteRecord);
                // A run that was interrupted is finished now: store that.
                expired.put(record(run));
              }
              return store.commit(expired);
            });
  }

  /** Forgets the runs on deleted devices or groups (the store deleted their records). */
  public void forget(java.util.Set<String> deletedIds) {
    runs.forget(deletedIds);
  }

  /** The run with that instance id on that device or group. */
  public Optional<ActionRun> run(String ownerId, String instanceId) {
    return runs.find(ownerId, instanceId);
  }

  private Future<ActionTarget> prepare(String deviceId, String actionName) {
    return affordances
        .device(deviceId)
        .compose(
            device ->
                affordances
                    .definition(device, actionName, "sdfAction")
                    .map(d -> ActionTarget.of(device, actionName, d.path("sdfProtocolMap"))));
  }

  private ActionRun register(String ownerId, String actionName, List<ActionRun.DeviceRun> devices) {
    ActionRun run = new ActionRun(UUID.randomUUID().toString(), ownerId, actionName, devices);
    startedAt.put(run.instanceId(), runs.clock().instant());
    List<String> forgotten = runs.add(run);
    if (!forgotten.isEmpty()) {
      ChangeSet gone = new ChangeSet();
      forgotten.forEach(
          id -> {
            startedAt.remove(id);
            gone.deleteRecord(id);
          });
      store
          .commit(gone)
          .onFailure(e -> LOG.warn("Expired action runs stay stored: {}", e.getMessage()));
    }
    return run;
  }

  /** The run, once stored: acknowledged runs keep their status across a restart. */
  private Future<ActionRun> persist(ActionRun run) {
    return store.commit(new ChangeSet().put(record(run))).map(run);
  }

  private EngineRecord record(ActionRun run) {
    return ActionRunRecords.of(
        run, startedAt.getOrDefault(run.instanceId(), runs.clock().instant()));
  }

  private void launch(
      ActionRun run,
      ActionTarget target,
      ActionRun.DeviceRun device,
      String actionName,
      byte[] payload) {
    settle(run, target.run(radios, payload), target, device, actionName);
  }

  private void settle(
      ActionRun run,
      Future<org.nipcgateway.core.radio.DeviceAnswer<byte[]>> answer,
      ActionTarget target,
      ActionRun.DeviceRun device,
      String actionName) {
    String subject = "Action " + actionName;
    answer
        .recover(e -> RadioProblems.recover(e, target.ble(), subject, null))
        .map(a -> RadioProblems.value(a, target.ble(), subject, null))
        .onSuccess(response -> device.respond(response))
        .onComplete(done -> finish(run, device, done.cause()));
  }

  private void finish(ActionRun run, ActionRun.DeviceRun device, Throwable failure) {
    NipcException problem = null;
    if (failure instanceof NipcException nipc) {
      problem = nipc;
    } else if (failure != null) {
      LOG.error("Action on device {} failed unexpectedly", device.deviceId(), failure);
      problem = NipcException.generic(500, "internal error");
    }
    device.finish(runs.clock().instant(), problem);
    if (run != null) {
      // The outcome outlives a restart too; a run already expired or deleted is not written back.
      if (runs.find(run.ownerId(), run.instanceId()).isPresent()) {
        store
            .commit(new ChangeSet().put(record(run)))
            .onFailure(
                e ->
                    LOG.warn(
                        "Outcome of action run {} not stored: {}",
                        run.instanceId(),
                        e.getMessage()));
      }
    }
  }
}
