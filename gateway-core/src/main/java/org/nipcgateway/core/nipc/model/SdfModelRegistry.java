package org.nipcgateway.core.nipc.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.security.DeviceScope;
import org.nipcgateway.core.security.Principal;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.core.storage.TaskSequencer;

/**
 * The registered SDF models, kept in the gateway's store (so they survive restarts). Writes run one
 * at a time so that "is this name taken?" and "is this model in use?" see every earlier one.
 */
public final class SdfModelRegistry {
  public static final String TYPE = "SdfModel";

  private final ResourceStore store;
  private final SdfModelSchema schema;
  private final Clock clock;
  private final ModelPermissions permissions;
  private final TaskSequencer writes = new TaskSequencer();
  private final Definitions definitions = new Definitions();

  public SdfModelRegistry(
      ResourceStore store, SdfModelSchema schema, DeviceScope scope, Clock clock) {
    this.store = store;
    this.schema = schema;
    this.permissions = new ModelPermissions(scope);
    this.clock = clock;
  }

  /**
   * Registers a document for the caller, who is kept as its owner; returns the global names of its
   * top-level definitions.
   */
  public Future<List<String>> register(Principal caller, ObjectNode document) {
    return writes.submit(
        () ->
            models()
                .compose(
                    registered -> {
                      SdfModel model =
                          SdfModel.parse(document, byNamespace(registered, null), schema);
                      refuseTakenNames(model, registered, null);
                      Instant now = clock.instant();
                      StoredResource resource =
                          new StoredResource(
                              UUID.randomUUID().toString(),
                              TYPE,
                              1,
                              now,
                              now,
                              attributes(model),
                              JsonNodeFactory.instance
                                  .objectNode()
                                  .put(ScimNames.OWNER_SECRET, caller.id()));
                      return store.commit(ChangeSet.of(resource)).map(v -> model.sdfNames());
                    }));
  }

  public Future<List<String>> names() {
    return models().map(all -> all.stream().flatMap(m -> m.model().sdfNames().stream()).toList());
  }

  /** The document that defines the name; fails with invalid-sdf-url when none does. */
  public Future<ObjectNode> document(String sdfName) {
    return find(sdfName).map(found -> found.model().document());
  }

  /**
   * The definition a global name points at, e.g. {@code …#/sdfObject/x/sdfProperty/y}, looked up in
   * the registered model whose top-level name covers it; fails with invalid-sdf-url.
   */
  public Future<JsonNode> definition(String globalName) {
    Optional<JsonNode> known = definitions.find(globalName, store);
    if (known.isPresent()) {
      return Future.succeededFuture(known.get());
    }
    return models()
        .map(
            all -> {
              Registered model = definingOf(all, globalName);
              JsonNode node = model.model().resolved().at(pointer(globalName));
              if (node.isMissingNode()) {
                throw NipcException.invalidSdfUrl(globalName);
              }
              definitions.remember(globalName, model.resource(), node);
              return node;
            });
  }

  /**
   * Where an affordance lives as a path: the defining model's default namespace prefix followed by
   * the JSON pointer, e.g. {@code thermometer/sdfThing/thermometer/sdfEvent/isPresent} (the MQTT
   * topic of draft-ietf-asdf-nipc, "NIPC Event APIs").
   */
  public Future<String> namespacedPath(String globalName) {
    return defining(globalName)
        .map(model -> model.document().path("defaultNamespace").asText() + pointer(globalName));
  }

  /** The registered model whose top-level name covers the global name; else invalid-sdf-url. */
  private Future<SdfModel> defining(String globalName) {
    return models().map(all -> definingOf(all, globalName).model());
  }

  private static Registered definingOf(List<Registered> all, String globalName) {
    return all.stream()
        .filter(r -> globalName.indexOf('#') > 0 && r.model().covers(globalName))
        .findFirst()
        .orElseThrow(() -> NipcException.invalidSdfUrl(globalName));
  }

  private static String pointer(String globalName) {
    return globalName.substring(globalName.indexOf('#') + 1);
  }

  /**
   * Replaces the model registered under the name with a new document that still defines it: only
   * for its owner or an operator, and, while devices use it, only for a caller allowed to control
   * every one of them (the model decides what their commands send).
   */
  public Future<String> replace(Principal caller, String sdfName, ObjectNode document) {
    return writes.submit(
        () ->
            find(sdfName)
                .compose(
                    current -> {
                      ModelPermissions.requireRegistrant(caller, current.resource(), sdfName);
                      return users(current.model())
                          .compose(users -> permissions.requireControlOfAll(caller, sdfName, users))
                          .compose(v -> models())
                          .compose(
                              all -> {
                                String id = current.resource().id();
                                SdfModel model =
                                    SdfModel.parse(document, byNamespace(all, id), schema);
                                if (!model.sdfNames().contains(sdfName)) {
                                  throw NipcException.badRequest(
                                      "the new model does not define '" + sdfName + "'");
                                }
                                refuseTakenNames(model, all, id);
                                StoredResource next =
                                    current
                                        .resource()
                                        .withAttributes(attributes(model), clock.instant());
                                return store.commit(ChangeSet.of(next)).map(v -> sdfName);
                              });
                    }));
  }

  /**
   * Fails with 403 unless the caller registered the model or is an operator (invalid-sdf-url when
   * none defines the name); {@link #replace} and {@link #delete} check it again in their turn.
   */
  public Future<Void> requireMayChange(Principal caller, String sdfName) {
    return find(sdfName)
        .map(
            current -> {
              ModelPermissions.requireRegistrant(caller, current.resource(), sdfName);
              return null;
            });
  }

  /** Removes the model that defines the name: only for its owner or an operator, and unused. */
  public Future<String> delete(Principal caller, String sdfName) {
    return writes.submit(
        () ->
            find(sdfName)
                .compose(
                    current -> {
                      ModelPermissions.requireRegistrant(caller, current.resource(), sdfName);
                      return users(current.model())
                          .compose(
                              users ->
                                  users.isEmpty()
                                      ? store.commit(
                                          new ChangeSet().delete(current.resource().id()))
                                      : permissions.refuseInUse(caller, sdfName, users))
                          .map(v -> sdfName);
                    }));
  }

  private Future<List<StoredResource>> users(SdfModel model) {
    return store.findAll(ScimNames.DEVICE).map(devices -> ModelPermissions.users(model, devices));
  }

  private record Registered(StoredResource resource, SdfModel model) {}

  private Future<List<Registered>> models() {
    return store
        .findAll(TYPE)
        .map(
            resources -> {
              List<Registered> all = new ArrayList<>();
              for (StoredResource r : resources) {
                List<String> names = new ArrayList<>();
                r.attributes().path("sdfNames").forEach(n -> names.add(n.asText()));
                ObjectNode document = (ObjectNode) r.attributes().path("document");
                // Models stored before sdfRef resolution have no resolved copy: they had no refs.
                JsonNode resolved = r.attributes().path("resolved");
                all.add(
                    new Registered(
                        r,
                        new SdfModel(
                            List.copyOf(names),
                            document,
                            resolved.isObject() ? (ObjectNode) resolved : document)));
              }
              return all;
            });
  }

  private Future<Registered> find(String sdfName) {
    return models()
        .map(
            all -> {
              Optional<Registered> found =
                  all.stream().filter(r -> r.model().sdfNames().contains(sdfName)).findFirst();
              return found.orElseThrow(() -> NipcException.invalidSdfUrl(sdfName));
            });
  }

  private static void refuseTakenNames(
      SdfModel model, List<Registered> registered, String exceptId) {
    for (Registered other : registered) {
      if (other.resource().id().equals(exceptId)) {
        continue;
      }
      for (String name : model.sdfNames()) {
        if (other.model().sdfNames().contains(name)) {
          throw NipcException.modelAlreadyRegistered(name);
        }
      }
    }
  }

  /**
   * Finds, for an sdfRef into another namespace, the resolved definitions registered under it (the
   * models in one namespace merged; their top-level names are unique), leaving out the model with
   * id {@code exceptId} (the one being replaced).
   */
  private static Function<String, Optional<ObjectNode>> byNamespace(
      List<Registered> registered, String exceptId) {
    return uri -> {
      ObjectNode merged = null;
      for (Registered other : registered) {
        if (other.resource().id().equals(exceptId) || !uri.equals(other.model().namespaceUri())) {
          continue;
        }
        if (merged == null) {
          merged = JsonNodeFactory.instance.objectNode();
        }
        for (Map.Entry<String, JsonNode> kind : other.model().resolved().properties()) {
          if (kind.getValue().isObject()) {
            ObjectNode into =
                merged.has(kind.getKey())
                    ? (ObjectNode) merged.get(kind.getKey())
                    : merged.putObject(kind.getKey());
            kind.getValue().properties().forEach(d -> into.putIfAbsent(d.getKey(), d.getValue()));
          }
        }
      }
      return Optional.ofNullable(merged);
    };
  }

  private static ObjectNode attributes(SdfModel model) {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    model.sdfNames().forEach(attributes.putArray("sdfNames")::add);
    attributes.set("document", model.document());
    if (!model.resolved().equals(model.document())) {
      attributes.set("resolved", model.resolved());
    }
    return attributes;
  }
}
