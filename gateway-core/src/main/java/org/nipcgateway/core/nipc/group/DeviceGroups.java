package org.nipcgateway.core.nipc.group;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * SCIM Groups as NIPC group operations see them: the ids of their member devices (endpoint apps in
 * a group are not operated).
 */
public final class DeviceGroups {
  private final ResourceStore store;

  public DeviceGroups(ResourceStore store) {
    this.store = store;
  }

  /** The group's member devices, in member order; an unknown id fails with invalid-id. */
  public Future<List<String>> members(String groupId) {
    return store
        .find(groupId)
        .compose(
            found -> {
              StoredResource group =
                  found
                      .filter(r -> r.resourceType().equals(ScimNames.GROUP))
                      .orElseThrow(
                          () ->
                              NipcException.of(
                                  NipcProblem.INVALID_ID,
                                  "Group ID " + groupId + " does not exist"));
              List<String> ids = new ArrayList<>();
              for (JsonNode member : group.attributes().path("members")) {
                ids.add(member.path("value").asText());
              }
              return store
                  .findAll(ScimNames.DEVICE)
                  .map(
                      devices -> {
                        Set<String> deviceIds = new HashSet<>();
                        devices.forEach(d -> deviceIds.add(d.id()));
                        return ids.stream().filter(deviceIds::contains).toList();
                      });
            });
  }
}
