package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.nipc.model.RegisteredModelNames;
import org.nipcgateway.core.nipc.model.SdfModelRegistry;
import org.nipcgateway.core.security.ClientTokens;
import org.nipcgateway.core.security.Principal;
import org.nipcgateway.core.storage.ChangeSet;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * Creates, reads, replaces, patches and deletes registry resources.
 *
 * <p>Writes are checked one at a time ({@link WritePipeline}), so checks such as uniqueness or
 * group membership always see every earlier write; creates are handed to the store without waiting
 * for the one before to be on disk, so that concurrent creates share a transaction. A write is
 * answered only after the store committed it; everything one request changes (a device and the
 * groups it leaves, say) is committed as one change set.
 */
public final class RegistryService {
  public static final List<String> TYPES =
      List.of(ScimNames.DEVICE, ScimNames.ENDPOINT_APP, ScimNames.GROUP);
  private static final String APP = ScimNames.ENDPOINT_APP;

  /** Kept with a resource's secrets: the id of the caller that created it. */
  private static final String OWNER = ScimNames.OWNER_SECRET;

  private final ResourceStore store;
  private final ScimSchemaCatalog catalog;
  private final ResourceValidator validator;
  private final ResourceViews views;
  private final GroupMembers groupMembers;
  private final ClientTokens tokens = new ClientTokens();
  private final WritePipeline writes = new WritePipeline();
  private final Clock clock;
  private final RegistryIndex index;

  /**
   * The secrets of the resources each caller creates, one node per caller shared by all of them (a
   * secrets node is never changed in place): a device of its own would cost ~270 bytes.
   */
  private final Map<String, ObjectNode> ownerSecrets = new ConcurrentHashMap<>();

  private RegistryService(
      ResourceStore store,
      ScimSchemaCatalog catalog,
      int maxGroupMembers,
      Clock clock,
      RegistryIndex index) {
    this.store = store;
    this.catalog = catalog;
    this.validator = new ResourceValidator(catalog);
    this.views = new ResourceViews(catalog);
    this.groupMembers = new GroupMembers(maxGroupMembers);
    this.clock = clock;
    this.index = index;
  }

  /** A registry over the store, once its index holds what the store holds. */
  public static Future<RegistryService> open(
      ResourceStore store, ScimSchemaCatalog catalog, int maxGroupMembers, Clock clock) {
    return RegistryIndex.load(store, catalog, TYPES)
        .map(index -> new RegistryService(store, catalog, maxGroupMembers, clock, index));
  }

  /**
   * Creates a resource. Checked against the registry and the creates still being committed (for
   * uniqueness); the store may commit it together with them (see {@link WritePipeline}).
   */
  public Future<Written> create(
      ScimResourceType type, ObjectNode input, Links links, Principal caller) {
    return writes.create(
        inFlight ->
            models()
                .compose(models -> attempt(() -> checked(type, input, models, inFlight, caller))),
        Prepared::resource,
        prepared -> commit(prepared, index, links));
  }

  /** The new resource, once its checks passed against the registry and the creates in flight. */
  private Prepared checked(
      ScimResourceType type,
      ObjectNode input,
      RegisteredModelNames models,
      List<StoredResource> inFlight,
      Principal caller)
      throws ScimException {
    ObjectNode attributes = validator.forCreate(type, input);
    checkReferences(type, attributes, index, models, null, caller);
    checkUniqueness(type, attributes, (path, value) -> ofType(type.name(), inFlight), null);
    Instant now = clock.instant();
    ObjectNode secrets =
        ownerSecrets.computeIfAbsent(
            caller.id(), owner -> JsonNodeFactory.instance.objectNode().put(OWNER, owner));
    return withToken(
        new StoredResource(
            UUID.randomUUID().toString(), type.name(), 1, now, now, attributes, secrets));
  }

  /** The resource and its view, built only if the caller needs it (see {@link TypedView}). */
  public record Found(StoredResource resource, TypedView view) {}

  public Future<Found> get(ScimResourceType type, String id, Links links, Principal caller) {
    return snapshot()
        .compose(
            snapshot ->
                attempt(
                    () -> {
                      StoredResource found = existing(type, id, snapshot, caller);
                      return new Found(found, views.typed(type, found, snapshot, links));
                    }));
  }

  public Future<Written> replace(
      ScimResourceType type,
      String id,
      ObjectNode input,
      Optional<String> ifMatch,
      Links links,
      Principal caller) {
    return modify(
        type,
        id,
        ifMatch,
        links,
        caller,
        (current, snapshot) -> validator.forReplace(type, input, current.attributes(), true));
  }

  public Future<Written> patch(
      ScimResourceType type,
      String id,
      PatchRequest patch,
      Optional<String> ifMatch,
      Links links,
      Principal caller) {
    return modify(
        type,
        id,
        ifMatch,
        links,
        caller,
        (current, snapshot) -> {
          validator.checkPatch(type, patch, views.view(current, snapshot, links));
          GenericScimResource target = new GenericScimResource(current.attributesToChange());
          patch.apply(target);
          return validator.forReplace(type, target.getObjectNode(), current.attributes(), false);
        });
  }

  /** How a change computes the new attributes of an existing resource from its current state. */
  private interface Modification {
    ObjectNode newAttributes(StoredResource current, RegistryIndex snapshot) throws ScimException;
  }

  private Future<Written> modify(
      ScimResourceType type,
      String id,
      Optional<String> ifMatch,
      Links links,
      Principal caller,
      Modification modification) {
    return write(
        (snapshot, models) -> {
          StoredResource current = existing(type, id, snapshot, caller);
          checkVersion(ifMatch, current);
          ObjectNode attributes = modification.newAttributes(current, snapshot);
          checkReferences(type, attributes, snapshot, models, id, caller);
          return commit(
              withToken(current.withAttributes(attributes, clock.instant())), snapshot, links);
        });
  }

  public Future<Void> delete(
      ScimResourceType type, String id, Optional<String> ifMatch, Principal caller) {
    return writes.alone(
        () ->
            snapshot()
                .compose(
                    snapshot ->
                        attempt(
                            () -> {
                              StoredResource current = existing(type, id, snapshot, caller);
                              checkVersion(ifMatch, current);
                              ChangeSet changes = new ChangeSet().delete(id);
                              leaveGroups(id, snapshot, changes);
                              if (type.name().equals(APP)) {
                                AppLinks.unlink(id, snapshot, changes, clock.instant());
                              }
                              return changes;
                            }))
                .compose(this::commit));
  }

  /**
   * Views of the resources of the given types that the caller sees and that the filter may match,
   * for queries: with a filter the indexes can narrow, only the candidates; the caller still
   * evaluates the filter on each view.
   */
  public Future<List<TypedView>> views(
      List<ScimResourceType> types, Optional<Filter> filter, Links links, Principal caller) {
    List<TypedView> all = new ArrayList<>();
    for (ScimResourceType type : types) {
      List<StoredResource> candidates =
          filter
              .flatMap(f -> FilterCandidates.ids(f, type, index))
              .map(ids -> ofType(type.name(), index.inOrder(ids)))
              .orElseGet(() -> index.ofType(type.name()));
      for (StoredResource r : candidates) {
        if (visible(r, caller)) {
          all.add(views.typed(type, r, index, links));
        }
      }
    }
    return Future.succeededFuture(all);
  }

  private static List<StoredResource> ofType(String type, List<StoredResource> resources) {
    return resources.stream().filter(r -> r.resourceType().equals(type)).toList();
  }

  /** Commits the change set, then shows it in the index (so reads see acknowledged writes). */
  private Future<Void> commit(ChangeSet changes) {
    return store.commit(changes).onSuccess(v -> index.apply(changes));
  }

  /** Completes when every write accepted so far has been committed. */
  public Future<Void> drained() {
    return writes.drained();
  }

  /**
   * The registry as every read and write sees it. Writes run one at a time, so a write sees every
   * earlier one and nothing changes under it.
   */
  private Future<RegistryIndex> snapshot() {
    return Future.succeededFuture(index);
  }

  private interface SnapshotWrite {
    Future<Written> apply(RegistryIndex snapshot, RegisteredModelNames models) throws ScimException;
  }

  private interface Attempt<T> {
    T get() throws ScimException;
  }

  private static <T> Future<T> attempt(Attempt<T> body) {
    try {
      return Future.succeededFuture(body.get());
    } catch (ScimException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<RegisteredModelNames> models() {
    return store.findAll(SdfModelRegistry.TYPE).map(RegisteredModelNames::of);
  }

  private Future<Written> write(SnapshotWrite body) {
    return writes.alone(
        () ->
            snapshot()
                .compose(snapshot -> models().map(models -> Map.entry(snapshot, models)))
                .compose(
                    ready -> {
                      try {
                        return body.apply(ready.getKey(), ready.getValue());
                      } catch (ScimException e) {
                        return Future.failedFuture(e);
                      }
                    }));
  }

  /**
   * The resource, if the caller sees it. Objects of other SCIM clients are answered as missing, so
   * a client cannot even learn that they exist.
   */
  private static StoredResource existing(
      ScimResourceType type, String id, RegistryIndex snapshot, Principal caller)
      throws ResourceNotFoundException {
    return snapshot
        .find(type.name(), id)
        .filter(found -> visible(found, caller))
        .orElseThrow(
            () -> new ResourceNotFoundException(type.name() + " '" + id + "' does not exist"));
  }

  /** Whether the caller created the object or was granted its creator's objects. */
  private static boolean visible(StoredResource resource, Principal caller) {
    return caller.seesScimObjectOf(resource.secrets().path(OWNER).asText(""));
  }

  private static void checkVersion(Optional<String> ifMatch, StoredResource current)
      throws PreconditionFailedException {
    if (ifMatch.isPresent() && !EntityTag.matches(ifMatch.get(), current)) {
      throw new PreconditionFailedException(
          "resource version is " + EntityTag.of(current) + ", not " + ifMatch.get(),
          null,
          EntityTag.of(current),
          null);
    }
  }

  private void checkReferences(
      ScimResourceType type,
      ObjectNode attributes,
      RegistryIndex snapshot,
      RegisteredModelNames models,
      String selfId,
      Principal caller)
      throws ScimException {
    if (type.name().equals(ScimNames.DEVICE)) {
      checkModelReferences(attributes, models);
    }
    if (type.name().equals(RegistryIndex.GROUP)) {
      // Group membership extends what an endpoint app may control, so a client may only group
      // objects it sees.
      for (JsonNode member : attributes.path("members")) {
        String memberId = member.path("value").asText();
        Optional<StoredResource> found = snapshot.find(memberId);
        if (found.isPresent() && !visible(found.get(), caller)) {
          throw new BadRequestException(
              "group member '" + memberId + "' does not exist", "invalidValue");
        }
      }
      groupMembers.resolve(attributes, snapshot);
    }
    checkUniqueness(
        type, attributes, (path, value) -> snapshot.mayHold(type.name(), path, value), selfId);
  }

  /** The resources that may hold a value at a path, for the uniqueness check. */
  private interface Holders {
    List<StoredResource> mayHold(Path path, String value);
  }

  /**
   * A device's SDF extension says which registered models describe it; a name no registered model
   * covers would leave the device with operations that can never work, so it is refused by name.
   */
  private static void checkModelReferences(ObjectNode attributes, RegisteredModelNames models)
      throws BadRequestException {
    for (JsonNode reference : attributes.path(ScimNames.SDF).path("sdf")) {
      if (!models.covers(reference.asText())) {
        throw BadRequestException.invalidValue(
            "'sdf' names "
                + reference
                + ", which no registered SDF model defines: register the model first"
                + " (POST /nipc/registrations/models)");
      }
    }
  }

  private void checkUniqueness(
      ScimResourceType type, ObjectNode attributes, Holders holders, String selfId)
      throws ScimException {
    for (Path path : catalog.uniqueAttributes(type)) {
      AttributeDefinition definition = type.definition().getAttributeDefinition(path);
      boolean caseExact = definition != null && definition.isCaseExact();
      for (JsonNode value : JsonUtils.findMatchingPaths(path, attributes)) {
        String wanted = normalised(value, caseExact);
        for (StoredResource other : holders.mayHold(path, value.asText())) {
          if (other.id().equals(selfId)) {
            continue;
          }
          for (JsonNode taken : JsonUtils.findMatchingPaths(path, other.attributes())) {
            if (normalised(taken, caseExact).equals(wanted)) {
              throw ResourceConflictException.uniqueness(
                  "'"
                      + path
                      + "' value "
                      + value
                      + " is already registered to another "
                      + type.name());
            }
          }
        }
      }
    }
  }

  private static String normalised(JsonNode value, boolean caseExact) {
    return caseExact ? value.asText() : value.asText().toLowerCase(Locale.ROOT);
  }

  /** A resource ready to commit, with the client token to show once (or null). */
  private record Prepared(StoredResource resource, String shownOnce) {}

  /**
   * An endpoint app without a certificate gets a client token, generated here, stored as a salted
   * hash and shown in this one response.
   */
  private Prepared withToken(StoredResource resource) {
    String newToken = null;
    StoredResource toStore = resource;
    if (resource.resourceType().equals(APP)
        && !resource.attributes().has("certificateInfo")
        && !ClientTokens.hasToken(resource.secrets())) {
      newToken = tokens.generate();
      toStore =
          new StoredResource(
              resource.id(),
              resource.resourceType(),
              resource.version(),
              resource.created(),
              resource.lastModified(),
              resource.attributes(),
              resource.secrets().deepCopy().setAll(tokens.secretsFor(newToken)));
    }
    return new Prepared(toStore, newToken);
  }

  /** Commits the resource, then answers with its view (and its new client token, if any). */
  private Future<Written> commit(Prepared prepared, RegistryIndex snapshot, Links links) {
    StoredResource committed = prepared.resource();
    return commit(ChangeSet.of(committed))
        .map(
            v -> {
              ObjectNode view = views.view(committed, snapshot, links);
              if (prepared.shownOnce() != null) {
                view.put("clientToken", prepared.shownOnce());
              }
              return new Written(committed, view);
            });
  }

  private void leaveGroups(String memberId, RegistryIndex snapshot, ChangeSet changes) {
    for (StoredResource group : snapshot.groupsOf(memberId)) {
      ObjectNode attributes = group.attributesToChange();
      var members = attributes.withArray("members");
      for (int i = members.size() - 1; i >= 0; i--) {
        if (members.get(i).path("value").asText().equals(memberId)) {
          members.remove(i);
        }
      }
      changes.put(group.withAttributes(attributes, clock.instant()));
    }
  }
}
