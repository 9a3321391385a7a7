package org.nipcgateway.core.nipc.extension.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.nipc.extension.callback.Callback;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperation;
import org.nipcgateway.core.nipc.extension.request.ExtensionBodies;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * The Bulk extension (draft-ietf-asdf-nipc, appendix "NIPC API bulk operations extension"): {@code
 * POST /extensions/{id}/bulk} with {@code operations} ({@code method}, {@code path}, {@code data})
 * answers 202 with the Location of its status; {@code GET …/bulk/status?instanceId=} answers 200
 * {@code IN_PROGRESS} while it runs, then 303 to {@code GET …/bulk?instanceId=}, the results in
 * order. With {@code "trigger": "advertisement"} the operations run when the device next
 * advertises.
 */
public final class BulkRoutes {
  /** The extension's URI template, as {@code /.well-known/nipc} lists it. */
  public static final String TEMPLATE = "/extensions/{id}/bulk";

  private static final Set<String> METHODS = Set.of("GET", "PUT", "POST");
  private final BulkService bulks;
  private final int maxOperations;

  /**
   * @param maxOperations most operations one bulk may hold: each may cost a radio round trip
   */
  public BulkRoutes(BulkService bulks, int maxOperations) {
    this.bulks = bulks;
    this.maxOperations = maxOperations;
  }

  public void mount(RouteTable.Routes routes) {
    AccessRule rule = AccessRule.controlOf("/devices");
    routes.post("/extensions/:id/bulk", rule).handler(this::start);
    routes.get("/extensions/:id/bulk", rule).handler(this::result);
    routes.get("/extensions/:id/bulk/status", rule).handler(this::status);
  }

  private void start(RoutingContext ctx) {
    ObjectNode body = ExtensionBodies.object(ctx);
    String trigger = body.path("trigger").asText("immediate");
    if (!trigger.equals("immediate") && !trigger.equals("advertisement")) {
      throw NipcException.badRequest("'trigger' must be immediate or advertisement");
    }
    Optional<Callback> callback = Callback.of(body);
    List<BulkService.Operation> operations = operations(body.path("operations"));
    bulks
        .start(ctx.pathParam("id"), operations, trigger.equals("advertisement"), callback)
        .onSuccess(
            run ->
                ctx.response()
                    .setStatusCode(202)
                    .putHeader("Location", location(run, "/status"))
                    .putHeader("Retry-After", "1")
                    .end())
        .onFailure(ctx::fail);
  }

  private List<BulkService.Operation> operations(JsonNode list) {
    if (!list.isArray() || list.isEmpty()) {
      throw NipcException.badRequest("'operations' must be a non-empty array");
    }
    if (list.size() > maxOperations) {
      throw NipcException.generic(
          413, "at most " + maxOperations + " operations per bulk, got " + list.size());
    }
    List<BulkService.Operation> operations = new ArrayList<>();
    for (JsonNode item : list) {
      String method = item.path("method").asText("");
      if (!item.isObject() || !METHODS.contains(method) || !item.path("path").isTextual()) {
        throw NipcException.badRequest(
            "operation " + (operations.size() + 1) + " needs a method (GET, PUT, POST) and a path");
      }
      JsonNode data = item.path("data");
      if (!data.isMissingNode() && !data.isObject()) {
        throw NipcException.badRequest(
            "operation " + (operations.size() + 1) + ": 'data' must be an object");
      }
      operations.add(new BulkService.Operation(method, item.get("path").asText(), data));
    }
    return operations;
  }

  /** The status as the Bulk draft answers it: the instance as {@code id}. */
  private void status(RoutingContext ctx) {
    ExtensionOperation run = run(ctx);
    JsonObject body =
        new JsonObject()
            .put("id", run.instanceId())
            .put("status", run.finished() ? "COMPLETED" : "IN_PROGRESS");
    if (run.finished()) {
      ctx.response().putHeader("Location", location(run, ""));
    }
    ExtensionBodies.json(ctx, run.finished() ? 303 : 200, body);
  }

  /** The results: all of them once it finished, those so far while it runs. */
  private void result(RoutingContext ctx) {
    ExtensionOperation run = run(ctx);
    JsonObject results = run.result().orElseGet(run::progress);
    ExtensionBodies.json(ctx, 200, new JsonObject().put("id", run.instanceId()).mergeIn(results));
  }

  private ExtensionOperation run(RoutingContext ctx) {
    String instance = ExtensionBodies.required(ctx, "instanceId");
    return bulks
        .run(ctx.pathParam("id"), instance)
        .orElseThrow(() -> NipcException.generic(404, "no bulk " + instance + " on this device"));
  }

  private static String location(ExtensionOperation run, String suffix) {
    return "/nipc/extensions/"
        + run.deviceId()
        + "/bulk"
        + suffix
        + "?instanceId="
        + run.instanceId();
  }
}
