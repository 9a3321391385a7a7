package org.nipcgateway.core.nipc.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.nipcgateway.core.nipc.body.NipcBodies;
import org.nipcgateway.core.nipc.event.DeviceHold;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.nipcgateway.core.nipc.trigger.ActionReference;
import org.nipcgateway.core.nipc.trigger.Trigger;
import org.nipcgateway.core.nipc.trigger.TriggerService;
import org.nipcgateway.core.security.AccessGuard;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.DeviceScope;
import org.nipcgateway.core.security.RouteTable;

/**
 * Triggers on devices and groups: {@code POST /devices/{id}/triggers?eventName=} with {@code
 * {"action": "<NIPC action URI>"}}, {@code DELETE ...?instanceId=}, {@code GET
 * ...[?instanceId=a,b]} (draft-ietf-asdf-nipc, "NIPC Trigger APIs").
 */
final class TriggerRoutes {
  private static final Set<String> JSON_TYPES = Set.of(ModelRoutes.NIPC_JSON, "application/json");

  private final TriggerService triggers;
  private final ProblemDocuments problems;
  private final DeviceScope scope;

  TriggerRoutes(TriggerService triggers, ProblemDocuments problems, DeviceScope scope) {
    this.triggers = triggers;
    this.problems = problems;
    this.scope = scope;
  }

  void mount(RouteTable.Routes routes) {
    for (String collection : new String[] {"/devices", "/groups"}) {
      routes
          .post(collection + "/:id/triggers", AccessRule.controlOf(collection))
          .handler(this::install);
      routes
          .delete(collection + "/:id/triggers", AccessRule.controlOf(collection))
          .handler(this::delete);
      routes
          .get(collection + "/:id/triggers", AccessRule.controlOf(collection))
          .handler(this::list);
    }
  }

  private void install(RoutingContext ctx) {
    String eventName = NipcResponses.required(ctx, "eventName");
    ObjectNode body = NipcBodies.object(ctx, JSON_TYPES);
    if (!body.path("action").isTextual()) {
      throw NipcException.badRequest("the body must be {\"action\": \"<NIPC action URI>\"}");
    }
    ActionReference action = ActionReference.parse(body.get("action").asText());
    mayRun(ctx, action)
        .compose(
            allowed ->
                allowed
                    ? triggers.install(
                        ctx.pathParam("id"), NipcResponses.onGroup(ctx), eventName, action)
                    : Future.failedFuture(
                        NipcException.generic(
                            403, "the trigger's action is on a device or group not linked to you")))
        .onSuccess(
            trigger ->
                ctx.response()
                    .setStatusCode(201)
                    .putHeader(
                        "Location", NipcResponses.location(ctx, "triggers", trigger.instanceId()))
                    .end())
        .onFailure(ctx::fail);
  }

  /**
   * The guard checked the event's device; the action may name another one, which an endpoint app
   * must be linked to as well, or a trigger would reach what the app itself may not.
   */
  private Future<Boolean> mayRun(RoutingContext ctx, ActionReference action) {
    return scope.allows(
        AccessGuard.principal(ctx).orElseThrow(), action.group(), action.targetId());
  }

  /** Deletes one trigger, or with no {@code instanceId} all of the device's or group's. */
  private void delete(RoutingContext ctx) {
    String instanceId = ctx.request().getParam("instanceId");
    Future<?> deleted =
        instanceId == null
            ? triggers.deleteAll(ctx.pathParam("id"))
            : triggers.delete(ctx.pathParam("id"), instanceId);
    deleted.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    List<String> wanted = EventRoutes.instanceIds(ctx);
    JsonArray entries = new JsonArray();
    if (wanted.isEmpty()) {
      triggers.triggers(id).forEach(trigger -> add(ctx, entries, trigger));
    } else {
      // In the order asked; unknown instance ids answer as problem items, as event status does.
      for (String instanceId : wanted) {
        triggers
            .find(id, instanceId)
            .ifPresentOrElse(
                trigger -> add(ctx, entries, trigger),
                () -> entries.add(problems.of(TriggerService.notInstalled(instanceId))));
      }
    }
    NipcResponses.json(ctx, 200, entries);
  }

  private void add(RoutingContext ctx, JsonArray entries, Trigger trigger) {
    if (!NipcResponses.onGroup(ctx)) {
      entries.add(
          EventRoutes.withState(
              new JsonObject()
                  .put("instanceId", trigger.instanceId())
                  .put("eventName", trigger.eventName())
                  .put("action", trigger.action().uri()),
              trigger.members().get(0)));
      return;
    }
    for (DeviceHold member : trigger.members()) {
      JsonObject entry =
          member
              .problem()
              .map(problems::of)
              .orElseGet(
                  () ->
                      EventRoutes.withState(
                          new JsonObject()
                              .put("eventName", trigger.eventName())
                              .put("action", trigger.action().uri()),
                          member));
      entries.add(entry.put("deviceId", member.deviceId()));
    }
  }
}
