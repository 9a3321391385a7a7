package org.nipcgateway.scim.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.nipcgateway.core.security.Principal;
import org.nipcgateway.core.storage.StoreException;
import org.nipcgateway.scim.registry.EntityTag;
import org.nipcgateway.scim.registry.Links;
import org.nipcgateway.scim.registry.RegistryService;
import org.nipcgateway.scim.registry.Written;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a bulk request's operations one at a time through the registry, each its own atomic write
 * with the caller's rights, as if sent alone. An operation that refers to another's {@code bulkId}
 * waits until that one has run, so references may point forwards; one whose referenced operation
 * failed fails too, and references that cannot be resolved (unknown, or circular) fail their
 * operations. After {@code failOnErrors} failures the rest is not run and not reported (RFC 7644,
 * section 3.7.3). The response lists the operations run, in the order they were sent.
 */
public final class BulkRunner {
  public static final String RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
  private static final Logger LOG = LoggerFactory.getLogger(BulkRunner.class);

  private final RegistryService registry;
  private final List<ScimResourceType> types;

  public BulkRunner(RegistryService registry, List<ScimResourceType> types) {
    this.registry = registry;
    this.types = List.copyOf(types);
  }

  /** Runs the request on the caller's context; the future holds the BulkResponse body. */
  public Future<ObjectNode> run(BulkRequest request, Links links, Principal caller, Context on) {
    Run run = new Run(request, links, caller, on);
    run.next();
    return run.done.future();
  }

  /** One request's progress. */
  private final class Run {
    private final BulkRequest request;
    private final Links links;
    private final Principal caller;
    private final Context context;
    private final LinkedList<BulkOperation> pending;
    private final Map<String, String> createdIds = new HashMap<>();
    private final Set<String> failedBulkIds = new HashSet<>();
    private final Set<String> declaredBulkIds = new HashSet<>();
    private final TreeMap<Integer, ObjectNode> results = new TreeMap<>();
    private final Promise<ObjectNode> done = Promise.promise();
    private int errors;

    Run(BulkRequest request, Links links, Principal caller, Context context) {
      this.request = request;
      this.links = links;
      this.caller = caller;
      this.context = context;
      this.pending = new LinkedList<>(request.operations());
      request.operations().forEach(o -> o.bulkId().ifPresent(declaredBulkIds::add));
    }

    /** Picks the first operation whose references are all settled, and runs it. */
    void next() {
      if (pending.isEmpty() || stopped()) {
        done.complete(response());
        return;
      }
      BulkOperation operation = null;
      for (BulkOperation candidate : pending) {
        if (settled(candidate)) {
          operation = candidate;
          break;
        }
      }
      if (operation == null) {
        // Every operation left waits on another one left: the references go round in a circle.
        BulkOperation stuck = pending.removeFirst();
        fail(
            stuck,
            BadRequestException.invalidValue(
                "the bulkId references of this operation form a cycle"));
        context.runOnContext(v -> next());
        return;
      }
      pending.remove(operation);
      BulkOperation current = operation;
      execute(current)
          .onComplete(
              outcome -> {
                if (outcome.succeeded()) {
                  succeed(current, outcome.result());
                } else {
                  fail(current, scimError(current, outcome.cause()));
                }
                // A fresh turn of the event loop per operation: no deep chain of callbacks.
                context.runOnContext(v -> next());
              });
    }

    private boolean stopped() {
      return request.failOnErrors().map(limit -> errors >= limit).orElse(false);
    }

    /** Whether each bulkId the operation refers to has been created or has failed. */
    private boolean settled(BulkOperation operation) {
      for (String id : BulkIdReferences.of(operation)) {
        boolean known = declaredBulkIds.contains(id);
        if (known && !createdIds.containsKey(id) && !failedBulkIds.contains(id)) {
          return false;
        }
      }
      return true;
    }

    private Future<Written> execute(BulkOperation operation) {
      try {
        for (String id : BulkIdReferences.of(operation)) {
          if (!declaredBulkIds.contains(id)) {
            throw BadRequestException.invalidValue("no operation of this request has bulkId " + id);
          }
          if (failedBulkIds.contains(id)) {
            throw new ScimException(
                409, "invalidValue", "the operation with bulkId " + id + " failed");
          }
        }
        String path = BulkIdReferences.path(operation.path(), createdIds);
        Optional<ObjectNode> data = operation.data().map(d -> BulkIdReferences.data(d, createdIds));
        Target target = target(path);
        return switch (operation.method()) {
          case "POST" -> {
            target.requireNoId(operation.method());
            yield registry.create(target.type(), data.orElseThrow(), links, caller);
          }
          case "PUT" ->
              registry.replace(
                  target.type(),
                  target.requireId(),
                  data.orElseThrow(),
                  operation.version(),
                  links,
                  caller);
          case "PATCH" ->
              registry.patch(
                  target.type(),
                  target.requireId(),
                  patchRequest(data.orElseThrow()),
                  operation.version(),
                  links,
                  caller);
          default ->
              registry
                  .delete(target.type(), target.requireId(), operation.version(), caller)
                  .map(v -> (Written) null);
        };
      } catch (ScimException e) {
        return Future.failedFuture(e);
      }
    }

    private void succeed(BulkOperation operation, Written written) {
      ObjectNode result = result(operation);
      int status =
          switch (operation.method()) {
            case "POST" -> 201;
            case "DELETE" -> 204;
            default -> 200;
          };
      if (written != null) {
        operation.bulkId().ifPresent(id -> createdIds.put(id, written.resource().id()));
        result.put("location", written.view().path("meta").path("location").asText());
        result.put("version", EntityTag.of(written.resource()));
      }
      result.put("status", Integer.toString(status));
      results.put(operation.index(), result);
    }

    private void fail(BulkOperation operation, ScimException error) {
      errors++;
      operation.bulkId().ifPresent(failedBulkIds::add);
      ObjectNode result = result(operation);
      result.put("status", Integer.toString(error.getScimError().getStatus()));
      result.set("response", JsonUtils.valueToNode(error.getScimError()));
      results.put(operation.index(), result);
    }

    private ObjectNode result(BulkOperation operation) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      result.put("method", operation.method());
      operation.bulkId().ifPresent(id -> result.put("bulkId", id));
      return result;
    }

    private ObjectNode response() {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.putArray("schemas").add(RESPONSE_SCHEMA);
      ArrayNode operations = body.putArray("Operations");
      results.values().forEach(operations::add);
      return body;
    }
  }

  /** Where an operation's path points: a resource type's endpoint, and an id below it or none. */
  private record Target(ScimResourceType type, Optional<String> id) {
    String requireId() throws ScimException {
      return id.orElseThrow(
          () -> BadRequestException.invalidPath("this method needs a path with a resource id"));
    }

    void requireNoId(String method) throws ScimException {
      if (id.isPresent()) {
        throw BadRequestException.invalidPath(method + " goes to a resource type's endpoint");
      }
    }
  }

  private Target target(String path) throws ScimException {
    for (ScimResourceType type : types) {
      List<String> endpoints = new ArrayList<>(type.aliases());
      endpoints.add(0, type.endpoint());
      for (String endpoint : endpoints) {
        if (path.equals(endpoint)) {
          return new Target(type, Optional.empty());
        }
        if (path.startsWith(endpoint + "/")) {
          String id = path.substring(endpoint.length() + 1);
          if (!id.isEmpty() && !id.contains("/")) {
            return new Target(type, Optional.of(id));
          }
        }
      }
    }
    throw new ResourceNotFoundException("no SCIM resource type answers at " + path);
  }

  private static PatchRequest patchRequest(ObjectNode data) throws ScimException {
    try {
      return JsonUtils.getObjectReader().treeToValue(data, PatchRequest.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw BadRequestException.invalidSyntax("data is not a valid PatchOp message");
    }
  }

  /** The SCIM error an operation's failure is reported with; never internals. */
  private static ScimException scimError(BulkOperation operation, Throwable failure) {
    if (failure instanceof ScimException scim) {
      return scim;
    }
    if (failure instanceof StoreException) {
      LOG.error("Store failure in bulk operation {}", operation.index(), failure);
      return new ScimException(503, null, "the registry cannot store changes right now");
    }
    LOG.error("Unexpected failure in bulk operation {}", operation.index(), failure);
    return new ScimException(500, null, "internal error");
  }
}
