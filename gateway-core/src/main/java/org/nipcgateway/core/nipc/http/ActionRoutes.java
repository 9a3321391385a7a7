package org.nipcgateway.core.nipc.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Set;
import org.nipcgateway.core.http.RequestBodies;
import org.nipcgateway.core.nipc.action.ActionRun;
import org.nipcgateway.core.nipc.action.ActionService;
import org.nipcgateway.core.nipc.body.NipcBodies;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * Actions on devices and groups: {@code POST /devices/{id}/actions?actionName=} answers 202 with
 * the run's Location, {@code GET ...?instanceId=} its status (draft-ietf-asdf-nipc, "NIPC Action
 * APIs"). The optional body is the action's value: raw bytes in any media type but JSON, or a JSON
 * object {@code {"value": base64}}.
 */
final class ActionRoutes {
  /** Seconds a client should wait before asking for the status of a new run. */
  static final String RETRY_AFTER = "1";

  private static final Set<String> JSON_TYPES = Set.of(ModelRoutes.NIPC_JSON, "application/json");

  private final ActionService actions;
  private final ProblemDocuments problems;

  ActionRoutes(ActionService actions, ProblemDocuments problems) {
    this.actions = actions;
    this.problems = problems;
  }

  void mount(RouteTable.Routes routes) {
    for (String collection : new String[] {"/devices", "/groups"}) {
      routes
          .post(collection + "/:id/actions", AccessRule.controlOf(collection))
          .handler(this::start);
      routes
          .get(collection + "/:id/actions", AccessRule.controlOf(collection))
          .handler(this::status);
    }
  }

  private void start(RoutingContext ctx) {
    String actionName = NipcResponses.required(ctx, "actionName");
    byte[] payload = payload(ctx);
    String id = ctx.pathParam("id");
    Future<ActionRun> started =
        NipcResponses.onGroup(ctx)
            ? actions.startOnGroup(id, actionName, payload)
            : actions.start(id, actionName, payload);
    started
        .onSuccess(
            run ->
                ctx.response()
                    .setStatusCode(202)
                    .putHeader("Location", NipcResponses.location(ctx, "actions", run.instanceId()))
                    .putHeader("Retry-After", RETRY_AFTER)
                    .end())
        .onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    String instanceId = NipcResponses.required(ctx, "instanceId");
    ActionRun run =
        actions
            .run(ctx.pathParam("id"), instanceId)
            .orElseThrow(
                () -> NipcException.generic(404, "no action instance " + instanceId + " here"));
    if (NipcResponses.onGroup(ctx)) {
      JsonArray entries = new JsonArray();
      for (ActionRun.DeviceRun device : run.devices()) {
        JsonObject entry = device.problem().map(problems::of).orElseGet(() -> outcome(device));
        entries.add(entry.put("deviceId", device.deviceId()));
      }
      NipcResponses.json(ctx, 200, entries);
      return;
    }
    ActionRun.DeviceRun device = run.devices().get(0);
    if (device.problem().isPresent()) {
      throw device.problem().get();
    }
    NipcResponses.json(ctx, 200, outcome(device));
  }

  /** The status, and the device's response payload (base64) when it sent one. */
  private static JsonObject outcome(ActionRun.DeviceRun device) {
    JsonObject outcome = new JsonObject().put("status", status(device));
    device.response().ifPresent(r -> outcome.put("value", Base64.getEncoder().encodeToString(r)));
    return outcome;
  }

  private static String status(ActionRun.DeviceRun device) {
    return device.completed() ? "COMPLETED" : "IN_PROGRESS";
  }

  private static byte[] payload(RoutingContext ctx) {
    if (RequestBodies.bytes(ctx).isEmpty()) {
      return new byte[0];
    }
    if (!JSON_TYPES.contains(RequestBodies.mediaType(ctx))) {
      return RequestBodies.bytes(ctx).get();
    }
    ObjectNode body = NipcBodies.object(ctx, JSON_TYPES);
    if (body.isEmpty()) {
      return new byte[0];
    }
    if (!body.path("value").isTextual() || body.size() != 1) {
      throw NipcException.badRequest("a JSON action body is {\"value\": \"<base64>\"}");
    }
    try {
      return Base64.getDecoder().decode(body.get("value").asText());
    } catch (IllegalArgumentException e) {
      throw NipcException.badRequest("value is not base64: " + e.getMessage());
    }
  }
}
