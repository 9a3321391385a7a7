package org.nipcgateway.core.nipc.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.nipcgateway.core.nipc.event.DeviceHold;
import org.nipcgateway.core.nipc.event.EventInstance;
import org.nipcgateway.core.nipc.event.EventService;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * Event enabling on devices and groups: {@code POST /devices/{id}/events?eventName=} (201 with the
 * instance's Location), {@code DELETE ...?instanceId=}, {@code GET ...[?instanceId=a,b]}
 * (draft-ietf-asdf-nipc, "NIPC Event APIs").
 */
final class EventRoutes {
  private final EventService events;
  private final ProblemDocuments problems;

  EventRoutes(EventService events, ProblemDocuments problems) {
    this.events = events;
    this.problems = problems;
  }

  void mount(RouteTable.Routes routes) {
    for (String collection : new String[] {"/devices", "/groups"}) {
      routes
          .post(collection + "/:id/events", AccessRule.controlOf(collection))
          .handler(this::enable);
      routes
          .delete(collection + "/:id/events", AccessRule.controlOf(collection))
          .handler(this::disable);
      routes
          .get(collection + "/:id/events", AccessRule.controlOf(collection))
          .handler(this::status);
    }
  }

  private void enable(RoutingContext ctx) {
    String eventName = NipcResponses.required(ctx, "eventName");
    String id = ctx.pathParam("id");
    Future<EventInstance> enabled =
        NipcResponses.onGroup(ctx)
            ? events.enableOnGroup(id, eventName)
            : events.enable(id, eventName);
    enabled
        .onSuccess(
            instance ->
                ctx.response()
                    .setStatusCode(201)
                    .putHeader(
                        "Location", NipcResponses.location(ctx, "events", instance.instanceId()))
                    .end())
        .onFailure(ctx::fail);
  }

  private void disable(RoutingContext ctx) {
    EventInstance instance =
        events.disable(ctx.pathParam("id"), NipcResponses.required(ctx, "instanceId"));
    if (NipcResponses.onGroup(ctx)) {
      NipcResponses.json(ctx, 200, groupEntries(instance));
    } else {
      ctx.response().setStatusCode(204).end();
    }
  }

  private void status(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    List<String> wanted = instanceIds(ctx);
    JsonArray entries = new JsonArray();
    if (wanted.isEmpty()) {
      events.instances(id).forEach(instance -> add(ctx, entries, instance));
    } else {
      for (String instanceId : wanted) {
        events
            .find(id, instanceId)
            .ifPresentOrElse(
                instance -> add(ctx, entries, instance),
                () -> entries.add(problems.of(EventService.notEnabled(instanceId))));
      }
    }
    NipcResponses.json(ctx, 200, entries);
  }

  private void add(RoutingContext ctx, JsonArray entries, EventInstance instance) {
    if (NipcResponses.onGroup(ctx)) {
      entries.addAll(groupEntries(instance));
    } else {
      entries.add(
          withState(
              new JsonObject()
                  .put("instanceId", instance.instanceId())
                  .put("event", instance.eventName()),
              instance.members().get(0)));
    }
  }

  /** Per device of a group instance: the event, or the problem that kept it off. */
  private JsonArray groupEntries(EventInstance instance) {
    JsonArray entries = new JsonArray();
    for (DeviceHold member : instance.members()) {
      JsonObject entry =
          member
              .problem()
              .map(problems::of)
              .orElseGet(
                  () -> withState(new JsonObject().put("event", instance.eventName()), member));
      entries.add(entry.put("deviceId", member.deviceId()));
    }
    return entries;
  }

  /**
   * Whether the radio side holds now: active, re-establishing (after the radio was down), failed.
   */
  static JsonObject withState(JsonObject entry, DeviceHold member) {
    member.state().ifPresent(state -> entry.put("state", state));
    return entry;
  }

  /** {@code instanceId} may repeat and each may be a comma-separated list. */
  static List<String> instanceIds(RoutingContext ctx) {
    List<String> ids = new ArrayList<>();
    for (String value : ctx.queryParam("instanceId")) {
      for (String id : value.split(",")) {
        if (!id.isBlank()) {
          ids.add(id.trim());
        }
      }
    }
    return ids;
  }
}
