package org.nipcgateway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Collection;
import org.nipcgateway.core.device.DeviceRecords;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * Which devices an endpoint app may reach: those whose {@code endpointAppsExt} lists it, and those
 * in a group the app is a member of. A group is the app's to act on when the app is its member.
 */
public final class DeviceScope {

  private final ResourceStore store;

  public DeviceScope(ResourceStore store) {
    this.store = store;
  }

  /**
   * Whether the caller may reach the device or group: always for callers that are not endpoint apps
   * (operators and identity-provider callers), else as for {@link #mayUseDevice} and {@link
   * #mayUseGroup}.
   */
  public Future<Boolean> allows(Principal caller, boolean group, String id) {
    if (caller.endpointApp().isEmpty()) {
      return Future.succeededFuture(true);
    }
    String app = caller.endpointApp().get();
    return group ? mayUseGroup(app, id) : mayUseDevice(app, id);
  }

  /** Whether the app may operate (or receive events of) the device; false when there is none. */
  public Future<Boolean> mayUseDevice(String appId, String deviceId) {
    return store
        .find(deviceId)
        .compose(
            device -> {
              if (device.isEmpty() || !device.get().resourceType().equals(ScimNames.DEVICE)) {
                return Future.succeededFuture(false);
              }
              if (lists(device.get(), appId)) {
                return Future.succeededFuture(true);
              }
              return store
                  .findAll(ScimNames.GROUP)
                  .map(groups -> shareAGroup(groups, appId, deviceId));
            });
  }

  /** Whether the app may act on the group as a whole: it is one of its members. */
  public Future<Boolean> mayUseGroup(String appId, String groupId) {
    return store
        .find(groupId)
        .map(
            group ->
                group.isPresent()
                    && group.get().resourceType().equals(ScimNames.GROUP)
                    && hasMember(group.get(), appId));
  }

  static boolean lists(StoredResource device, String appId) {
    return DeviceRecords.links(device, appId);
  }

  private static boolean shareAGroup(
      Collection<StoredResource> groups, String appId, String deviceId) {
    return groups.stream().anyMatch(g -> hasMember(g, appId) && hasMember(g, deviceId));
  }

  private static boolean hasMember(StoredResource group, String memberId) {
    for (JsonNode member : group.attributes().path("members")) {
      if (memberId.equals(member.path("value").asText())) {
        return true;
      }
    }
    return false;
  }
}
