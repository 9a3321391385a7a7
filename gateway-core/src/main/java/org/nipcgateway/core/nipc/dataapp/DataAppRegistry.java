package org.nipcgateway.core.nipc.dataapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.nipc.model.SdfModelRegistry;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.security.SecretBox;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.core.storage.TaskSequencer;

/**
 * Data-app registrations (draft-ietf-asdf-nipc, "Data application registrations APIs"), kept in the
 * store. A data app is a SCIM EndpointApp of type telemetry; the events it names must be sdfEvents
 * of registered models.
 */
public final class DataAppRegistry {
  public static final String TYPE = "DataApp";

  private final ResourceStore store;
  private final SdfModelRegistry models;
  private final SecretBox box;
  private final Clock clock;
  private final TaskSequencer writes = new TaskSequencer();

  public DataAppRegistry(ResourceStore store, SdfModelRegistry models, SecretBox box, Clock clock) {
    this.store = store;
    this.models = models;
    this.box = box;
    this.clock = clock;
  }

  /** The registration's secrets as stored: every value sealed. */
  private ObjectNode sealed(ObjectNode secrets) {
    ObjectNode out = secrets.deepCopy();
    if (out.has("password")) {
      out.put("password", box.seal(out.get("password").asText()));
    }
    if (out.has("headers")) {
      ObjectNode headers = (ObjectNode) out.get("headers");
      List<String> names = new ArrayList<>();
      headers.fieldNames().forEachRemaining(names::add);
      names.forEach(n -> headers.put(n, box.seal(headers.get(n).asText())));
    }
    return out;
  }

  /** Registers a data app; fails when it is registered already. */
  public Future<ObjectNode> register(String dataAppId, JsonNode body) {
    DataAppRegistration registration = DataAppRegistration.parse(body);
    return checked(dataAppId, registration)
        .compose(
            v ->
                writes.submit(
                    () ->
                        store
                            .find(key(dataAppId))
                            .compose(
                                existing -> {
                                  if (existing.isPresent()) {
                                    throw NipcException.generic(
                                        409, "data app " + dataAppId + " is registered already");
                                  }
                                  Instant now = clock.instant();
                                  return save(
                                      new StoredResource(
                                          key(dataAppId),
                                          TYPE,
                                          1,
                                          now,
                                          now,
                                          registration.shown(),
                                          sealed(registration.secrets())));
                                })));
  }

  /** Replaces a registration. */
  public Future<ObjectNode> update(String dataAppId, JsonNode body) {
    DataAppRegistration registration = DataAppRegistration.parse(body);
    return checked(dataAppId, registration)
        .compose(
            v ->
                writes.submit(
                    () ->
                        registered(dataAppId)
                            .compose(
                                current ->
                                    save(
                                        new StoredResource(
                                            current.id(),
                                            TYPE,
                                            current.version() + 1,
                                            current.created(),
                                            clock.instant(),
                                            registration.shown(),
                                            sealed(registration.secrets()))))));
  }

  public Future<ObjectNode> get(String dataAppId) {
    return registered(dataAppId).map(r -> r.attributes().deepCopy());
  }

  public Future<Void> delete(String dataAppId) {
    return writes.submit(
        () -> registered(dataAppId).compose(r -> store.commit(new ChangeSet().delete(r.id()))));
  }

  /** Deletes the registrations of EndpointApps that were deleted. */
  public Future<Void> forgetApps(List<StoredResource> deleted) {
    ChangeSet changes = new ChangeSet();
    deleted.stream()
        .filter(r -> r.resourceType().equals(ScimNames.ENDPOINT_APP))
        .forEach(app -> changes.delete(key(app.id())));
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    // Only registrations that exist: the store deletes nothing it does not hold.
    return writes.submit(() -> store.commit(changes));
  }

  /** Whether some data app is registered for the event. */
  public Future<Boolean> anyFor(String eventName) {
    return store
        .findAll(TYPE)
        .map(
            all ->
                all.stream()
                    .anyMatch(
                        r -> {
                          for (JsonNode event : r.attributes().path("events")) {
                            if (event.path("event").asText().equals(eventName)) {
                              return true;
                            }
                          }
                          return false;
                        }));
  }

  private Future<ObjectNode> save(StoredResource resource) {
    return store.commit(ChangeSet.of(resource)).map(v -> resource.attributes().deepCopy());
  }

  private Future<StoredResource> registered(String dataAppId) {
    return store
        .find(key(dataAppId))
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        NipcException.of(
                            NipcProblem.INVALID_ID,
                            "No data app " + dataAppId + " is registered")));
  }

  /** The id must be a telemetry EndpointApp and every event an sdfEvent of a registered model. */
  private Future<Void> checked(String dataAppId, DataAppRegistration registration) {
    return store
        .find(dataAppId)
        .compose(
            found -> {
              Optional<StoredResource> app =
                  found.filter(r -> r.resourceType().equals(ScimNames.ENDPOINT_APP));
              if (app.isEmpty()) {
                throw NipcException.of(
                    NipcProblem.INVALID_ID,
                    "dataAppId " + dataAppId + " is not a SCIM EndpointApp");
              }
              if (!app.get().attributes().path("applicationType").asText().equals("telemetry")) {
                throw NipcException.of(
                    NipcProblem.INVALID_ID, "EndpointApp " + dataAppId + " is not a telemetry app");
              }
              Future<Void> chain = Future.succeededFuture();
              for (String event : registration.events()) {
                if (!event.contains("/sdfEvent/")) {
                  return Future.failedFuture(NipcException.invalidSdfUrl(event));
                }
                chain = chain.compose(v -> models.definition(event).mapEmpty());
              }
              return chain;
            });
  }

  private static final String KEY_PREFIX = "data-app:";

  /** Registrations live beside SCIM resources in the store, under an id of their own. */
  private static String key(String dataAppId) {
    return KEY_PREFIX + dataAppId;
  }

  /** The store id of a data app's registration: what owns the engine records kept for it. */
  public static String resourceId(String dataAppId) {
    return key(dataAppId);
  }

  static String dataAppId(String key) {
    return key.substring(KEY_PREFIX.length());
  }
}
