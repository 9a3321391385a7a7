package org.nipcgateway.core.nipc.extension.eventconditional;

import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.extension.callback.LongOperationRoutes;

/**
 * The conditional event extension's routes: {@code POST
 * /extensions/{id}/events/conditional?eventName=} starts waiting, {@code GET …/status} polls,
 * {@code GET …/conditional} fetches the matching event's value.
 */
public final class EventConditionalRoutes {
  /** The URI template advertised in /.well-known/nipc. */
  public static final String TEMPLATE = "/extensions/{id}/events/conditional";

  private EventConditionalRoutes() {}

  public static LongOperationRoutes of(ConditionalEvents events, ExtensionOperations operations) {
    return new LongOperationRoutes(
        TEMPLATE,
        "eventName",
        ConditionalEvents.KIND,
        operations,
        (ctx, device, event) -> events.start(device, event, ConditionalEvent.of(ctx)));
  }
}
