package org.nipcgateway.core.nipc.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.security.DeviceScope;
import org.nipcgateway.core.security.Principal;
import org.nipcgateway.core.storage.StoredResource;

/**
 * Who may change or delete a registered SDF model. A model decides what every command to the
 * devices using it sends, so it belongs to whoever registered it: only that client, or an operator,
 * may replace or delete it; a model that devices use may only be replaced by a caller allowed to
 * control every one of them; and no refusal names a device the caller cannot see.
 */
final class ModelPermissions {
  private final DeviceScope scope;

  ModelPermissions(DeviceScope scope) {
    this.scope = scope;
  }

  /** The caller's id, as kept with the model it registers. */
  static String ownerOf(StoredResource model) {
    return model.secrets().path(ScimNames.OWNER_SECRET).asText("");
  }

  /** Fails with 403 unless the caller registered the model (or may act for who did). */
  static void requireRegistrant(Principal caller, StoredResource model, String sdfName) {
    if (!caller.mayChangeWhatIsRegisteredBy(ownerOf(model))) {
      throw NipcException.generic(
          403,
          "SDF model '"
              + sdfName
              + "' was registered by another client; only it or an operator"
              + " may change or delete it");
    }
  }

  /** The devices whose SDF extension names a definition within the model. */
  static List<StoredResource> users(SdfModel model, List<StoredResource> devices) {
    List<StoredResource> users = new ArrayList<>();
    for (StoredResource device : devices) {
      for (JsonNode reference : device.attributes().path(ScimNames.SDF).path("sdf")) {
        if (model.covers(reference.asText())) {
          users.add(device);
          break;
        }
      }
    }
    return users;
  }

  /** Succeeds when the caller may control every device using the model; else sdf-model-in-use. */
  Future<Void> requireControlOfAll(Principal caller, String sdfName, List<StoredResource> users) {
    List<Future<Boolean>> checks = new ArrayList<>();
    users.forEach(device -> checks.add(scope.allows(caller, false, device.id())));
    return Future.all(checks)
        .compose(
            all -> {
              long refused = checks.stream().filter(c -> !c.result()).count();
              if (refused == 0) {
                return Future.succeededFuture();
              }
              return Future.failedFuture(
                  NipcException.modelInUseByOthers(
                      sdfName,
                      refused + (refused == 1 ? " device" : " devices") + " you may not control"));
            });
  }

  /** Fails with sdf-model-in-use, naming a device only when the caller sees it. */
  Future<Void> refuseInUse(Principal caller, String sdfName, List<StoredResource> users) {
    List<Future<Boolean>> checks = new ArrayList<>();
    users.forEach(device -> checks.add(sees(caller, device)));
    return Future.all(checks)
        .compose(
            all -> {
              Optional<StoredResource> seen = Optional.empty();
              for (int i = 0; i < users.size() && seen.isEmpty(); i++) {
                seen = checks.get(i).result() ? Optional.of(users.get(i)) : Optional.empty();
              }
              return Future.failedFuture(
                  seen.map(device -> NipcException.modelInUse(sdfName, device.id()))
                      .orElseGet(
                          () ->
                              NipcException.modelInUseByOthers(
                                  sdfName,
                                  users.size() + (users.size() == 1 ? " device" : " devices"))));
            });
  }

  /**
   * Whether the caller sees the device: an endpoint app the devices it may use, any other caller
   * the SCIM objects it sees.
   */
  private Future<Boolean> sees(Principal caller, StoredResource device) {
    if (caller.endpointApp().isPresent()) {
      return scope.mayUseDevice(caller.endpointApp().get(), device.id());
    }
    return Future.succeededFuture(
        caller.seesScimObjectOf(device.secrets().path(ScimNames.OWNER_SECRET).asText("")));
  }
}
