package org.nipcgateway.core.nipc.action;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * One started action, on a device or on each device of a group: its instance id and, per device,
 * whether it is still running, completed, or failed with a problem.
 */
public final class ActionRun {
  private final String instanceId;
  private final String ownerId;
  private final String actionName;
  private final List<DeviceRun> devices;

  ActionRun(String instanceId, String ownerId, String actionName, List<DeviceRun> devices) {
    this.instanceId = instanceId;
    this.ownerId = ownerId;
    this.actionName = actionName;
    this.devices = List.copyOf(devices);
  }

  public String instanceId() {
    return instanceId;
  }

  /** The device or group the action was started on. */
  public String ownerId() {
    return ownerId;
  }

  public String actionName() {
    return actionName;
  }

  public List<DeviceRun> devices() {
    return devices;
  }

  boolean finishedBefore(Instant moment) {
    return devices.stream().allMatch(d -> d.finishedAt().map(moment::isAfter).orElse(false));
  }

  /** The action on one device. */
  public static final class DeviceRun {
    private final String deviceId;
    private volatile NipcException problem;
    private volatile Instant finishedAt;
    private volatile byte[] response;
    private final io.vertx.core.Promise<Void> settled = io.vertx.core.Promise.promise();

    DeviceRun(String deviceId) {
      this.deviceId = deviceId;
    }

    public String deviceId() {
      return deviceId;
    }

    public boolean completed() {
      return finishedAt != null && problem == null;
    }

    /** The problem it failed with, once it failed. */
    public Optional<NipcException> problem() {
      return Optional.ofNullable(problem);
    }

    /** The payload of the device's specific response (a Zigbee response command), if any. */
    public Optional<byte[]> response() {
      return Optional.ofNullable(response).map(byte[]::clone);
    }

    void respond(byte[] payload) {
      response = payload == null ? null : payload.clone();
    }

    Optional<Instant> finishedAt() {
      return Optional.ofNullable(finishedAt);
    }

    void finish(Instant at, NipcException failure) {
      problem = failure;
      finishedAt = at;
      settled.tryComplete();
    }

    /** Completes once the action on this device finished, well or not (see {@link #problem()}). */
    public io.vertx.core.Future<Void> finished() {
      return settled.future();
    }
  }
}
