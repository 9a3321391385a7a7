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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs actions asynchronously (draft-ietf-asdf-nipc, "NIPC Action APIs"): a start checks what it
 * can at once (device, action, protocol map) and returns the run; the radio work goes on in the
 * background and its outcome is kept for status queries.
 */
public final class ActionService {
  private static final Logger LOG = LoggerFactory.getLogger(ActionService.class);

  private final Affordances affordances;
  private final DeviceGroups groups;
  private final RadioAccess radios;
  private final ActionRuns runs;

  public ActionService(
      Affordances affordances, DeviceGroups groups, RadioAccess radios, Clock clock) {
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
              launch(target, device, actionName, payload);
              return run;
            });
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
                prepared.add(prepare(member, actionName).onFailure(e -> finish(device, e)));
              }
              return Future.join(prepared)
                  .transform(
                      v -> {
                        launchAll(devices, prepared, actionName, payload);
                        return Future.succeededFuture(register(groupId, actionName, devices));
                      });
            });
  }

  /**
   * Launches a group's action: as one groupcast when every member is a Zigbee device mapped to the
   * same cluster command (the radio sends it once, to a Zigbee group of them), else per device.
   */
  private void launchAll(
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
          launch(prepared.get(i).result(), devices.get(i), actionName, payload);
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
      settle(answer, target, devices.get(i), actionName);
    }
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
    runs.add(run);
    return run;
  }

  private void launch(
      ActionTarget target, ActionRun.DeviceRun device, String actionName, byte[] payload) {
    settle(target.run(radios, payload), target, device, actionName);
  }

  private void settle(
      Future<org.nipcgateway.core.radio.DeviceAnswer<byte[]>> answer,
      ActionTarget target,
      ActionRun.DeviceRun device,
      String actionName) {
    String subject = "Action " + actionName;
    answer
        .recover(e -> RadioProblems.recover(e, target.ble(), subject, null))
        .map(a -> RadioProblems.value(a, target.ble(), subject, null))
        .onSuccess(response -> device.respond(response))
        .onComplete(done -> finish(device, done.cause()));
  }

  private void finish(ActionRun.DeviceRun device, Throwable failure) {
    NipcException problem = null;
    if (failure instanceof NipcException nipc) {
      problem = nipc;
    } else if (failure != null) {
      LOG.error("Action on device {} failed unexpectedly", device.deviceId(), failure);
      problem = NipcException.generic(500, "internal error");
    }
    device.finish(runs.clock().instant(), problem);
  }
}
