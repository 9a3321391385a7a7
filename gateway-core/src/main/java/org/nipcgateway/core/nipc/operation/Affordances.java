package org.nipcgateway.core.nipc.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.Optional;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.device.DeviceRecordCache;
import org.nipcgateway.core.nipc.model.SdfModelRegistry;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;

/**
 * Finds what an operation addresses: the device (SCIM) and the definition of one of its affordances
 * (a registered SDF model the device refers to).
 */
public final class Affordances {
  private final ResourceStore store;
  private final SdfModelRegistry models;
  private final DeviceRecordCache devices;

  public Affordances(ResourceStore store, SdfModelRegistry models) {
    this.store = store;
    this.models = models;
    this.devices = new DeviceRecordCache(store);
  }

  /** The device an operation addresses; unknown or inactive devices fail with invalid-id. */
  public Future<DeviceRecord> device(String id) {
    Future<Optional<StoredResource>> found = store.find(id);
    if (found.succeeded()) {
      // The store answers from memory: no map stage for what is already there.
      try {
        return Future.succeededFuture(active(id, found.result()));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    return found.map(resource -> active(id, resource));
  }

  private DeviceRecord active(String id, Optional<StoredResource> resource) {
    DeviceRecord device =
        resource.flatMap(devices::of).orElseThrow(() -> NipcException.invalidId(id));
    if (!device.active()) {
      throw NipcException.of(NipcProblem.INVALID_ID, "Device " + id + " is not active");
    }
    return device;
  }

  /**
   * The definition of an affordance of the kind given ({@code sdfProperty}, {@code sdfAction},
   * {@code sdfEvent}) that the device implements; fails with invalid-sdf-url.
   */
  public Future<JsonNode> definition(DeviceRecord device, String globalName, String kind) {
    if (globalName == null || !names(globalName, kind)) {
      return Future.failedFuture(NipcException.invalidSdfUrl(String.valueOf(globalName)));
    }
    if (!device.implementsAffordance(globalName)) {
      // Say which half is wrong: a name no model defines, or a model this device does not use.
      return models
          .definition(globalName)
          .transform(
              found ->
                  Future.failedFuture(
                      found.succeeded()
                          ? NipcException.of(
                              NipcProblem.INVALID_SDF_URL,
                              "Device "
                                  + device.id()
                                  + " does not implement '"
                                  + globalName
                                  + "': its SCIM sdf extension names other models")
                          : found.cause()));
    }
    return models.definition(globalName);
  }

  /** Whether the name has {@code /kind/} in it, without building that string per operation. */
  private static boolean names(String globalName, String kind) {
    for (int at = globalName.indexOf(kind); at >= 0; at = globalName.indexOf(kind, at + 1)) {
      int end = at + kind.length();
      if (at > 0
          && globalName.charAt(at - 1) == '/'
          && end < globalName.length()
          && globalName.charAt(end) == '/') {
        return true;
      }
    }
    return false;
  }

  /** The affordance's namespace prefix and JSON pointer, as topics name it. */
  public Future<String> namespacedPath(String globalName) {
    return models.namespacedPath(globalName);
  }
}
