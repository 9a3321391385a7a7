package org.nipcgateway.core.nipc.extension.eventconditional;

import io.vertx.ext.web.RoutingContext;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.extension.callback.ExtensionRequests;
import org.nipcgateway.core.nipc.extension.callback.OperationResponses;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * The conditional event extension's routes: {@code POST
 * /extensions/{id}/events/conditional?eventName=} starts waiting, {@code GET …/status} polls,
 * {@code GET …/conditional} fetches the matching event's value. Control of the device is required,
 * as for enabling an event.
 */
public final class EventConditionalRoutes {
  /** The URI template advertised in /.well-known/nipc. */
  public static final String TEMPLATE = "/extensions/{id}/events/conditional";

  private static final String PATH = "/extensions/:id/events/conditional";
  private static final String PARAMETER = "eventName";

  private final ConditionalEvents events;
  private final ExtensionOperations operations;

  public EventConditionalRoutes(ConditionalEvents events, ExtensionOperations operations) {
    this.events = events;
    this.operations = operations;
  }

  public void mount(RouteTable.Routes routes) {
    AccessRule rule = AccessRule.controlOf("/devices");
    routes.post(PATH, rule).handler(this::start);
    routes.get(PATH + "/status", rule).handler(this::status);
    routes.get(PATH, rule).handler(this::result);
  }

  private void start(RoutingContext ctx) {
    String event = ExtensionRequests.query(ctx, PARAMETER);
    ConditionalEvent request = ConditionalEvent.of(ctx);
    events
        .start(ctx.pathParam("id"), event, request)
        .onSuccess(operation -> OperationResponses.accepted(ctx, operation, PARAMETER))
        .onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    OperationResponses.status(
        ctx,
        OperationResponses.find(ctx, operations, ConditionalEvents.KIND, PARAMETER),
        PARAMETER);
  }

  private void result(RoutingContext ctx) {
    OperationResponses.result(
        ctx, OperationResponses.find(ctx, operations, ConditionalEvents.KIND, PARAMETER));
  }
}
