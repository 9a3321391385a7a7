package org.nipcgateway.streaming;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.security.DeviceScope;
import org.nipcgateway.core.storage.ResourceStore;

/**
 * Whether a data app may receive a device's events ({@link DeviceScope#mayUseDevice}), remembered
 * until a device or a group changes in the store: asking the scope parses the device and every
 * group from the store, which at tens of thousands of events per second cost more than the rest of
 * the event's way to the app. Radios may report on any thread, so it locks.
 */
final class LinkedDevices {
  private record Pair(String appId, String deviceId) {}

  /** Answers kept at most: beyond, they are forgotten and asked again. */
  private static final int MAX_ANSWERS = 100_000;

  private final DeviceScope scope;
  private final ResourceStore store;
  private final Map<Pair, Boolean> answers = new HashMap<>();
  private long deviceChanges = -1;
  private long groupChanges = -1;

  LinkedDevices(DeviceScope scope, ResourceStore store) {
    this.scope = scope;
    this.store = store;
  }

  Future<Boolean> linked(String appId, String deviceId) {
    Pair pair = new Pair(appId, deviceId);
    long devices = store.changes(ScimNames.DEVICE);
    long groups = store.changes(ScimNames.GROUP);
    Boolean known = known(pair, devices, groups);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return scope
        .mayUseDevice(appId, deviceId)
        .onSuccess(linked -> keep(pair, linked, devices, groups));
  }

  private synchronized Boolean known(Pair pair, long devices, long groups) {
    if (devices != deviceChanges || groups != groupChanges) {
      answers.clear();
      deviceChanges = devices;
      groupChanges = groups;
    }
    return answers.get(pair);
  }

  /** An answer from before a change that came in meanwhile is not kept. */
  private synchronized void keep(Pair pair, boolean linked, long devices, long groups) {
    if (deviceChanges == devices
        && groupChanges == groups
        && store.changes(ScimNames.DEVICE) == devices
        && store.changes(ScimNames.GROUP) == groups) {
      if (answers.size() >= MAX_ANSWERS) {
        answers.clear();
      }
      answers.put(pair, linked);
    }
  }
}
