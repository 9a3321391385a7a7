package org.nipcgateway.core.nipc.extension.readconditional;

import io.vertx.ext.web.RoutingContext;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.extension.callback.ExtensionRequests;
import org.nipcgateway.core.nipc.extension.callback.OperationResponses;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * The conditional read extension's routes: {@code POST
 * /extensions/{id}/properties/read/conditional?propertyName=} starts a read, {@code GET …/status}
 * polls it, {@code GET …/conditional} fetches the result. Control of the device is required, as for
 * a plain property read.
 */
public final class ReadConditionalRoutes {
  /** The URI template advertised in /.well-known/nipc. */
  public static final String TEMPLATE = "/extensions/{id}/properties/read/conditional";

  private static final String PATH = "/extensions/:id/properties/read/conditional";
  private static final String PARAMETER = "propertyName";

  private final ConditionalReads reads;
  private final ExtensionOperations operations;

  public ReadConditionalRoutes(ConditionalReads reads, ExtensionOperations operations) {
    this.reads = reads;
    this.operations = operations;
  }

  public void mount(RouteTable.Routes routes) {
    AccessRule rule = AccessRule.controlOf("/devices");
    routes.post(PATH, rule).handler(this::start);
    routes.get(PATH + "/status", rule).handler(this::status);
    routes.get(PATH, rule).handler(this::result);
  }

  private void start(RoutingContext ctx) {
    String property = ExtensionRequests.query(ctx, PARAMETER);
    ConditionalRead request = ConditionalRead.of(ctx);
    reads
        .start(ctx.pathParam("id"), property, request)
        .onSuccess(operation -> OperationResponses.accepted(ctx, operation, PARAMETER))
        .onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    OperationResponses.status(
        ctx, OperationResponses.find(ctx, operations, ConditionalReads.KIND, PARAMETER), PARAMETER);
  }

  private void result(RoutingContext ctx) {
    OperationResponses.result(
        ctx, OperationResponses.find(ctx, operations, ConditionalReads.KIND, PARAMETER));
  }
}
