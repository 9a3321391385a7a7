package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * The three routes of a long-operation extension on one affordance: {@code POST path?parameter=}
 * starts it (202 with the status URI), {@code GET path/status} polls it (200, then 303), {@code GET
 * path} fetches its result. Control of the device is required, as for the operation it composes.
 */
public final class LongOperationRoutes {
  /** Starts the operation on the device and affordance the request names; may throw a 4xx. */
  public interface Starter {
    Future<ExtensionOperation> start(RoutingContext ctx, String deviceId, String affordance);
  }

  private final String template;
  private final String parameter;
  private final String kind;
  private final ExtensionOperations operations;
  private final Starter starter;

  /**
   * @param template the URI template, e.g. {@code /extensions/{id}/events/conditional}, as {@code
   *     /.well-known/nipc} lists it
   * @param parameter the query parameter naming the affordance ({@code propertyName}, …)
   * @param kind the operations' kind in {@link ExtensionOperations}
   */
  public LongOperationRoutes(
      String template,
      String parameter,
      String kind,
      ExtensionOperations operations,
      Starter starter) {
    this.template = template;
    this.parameter = parameter;
    this.kind = kind;
    this.operations = operations;
    this.starter = starter;
  }

  public String template() {
    return template;
  }

  public void mount(RouteTable.Routes routes) {
    String path = template.replace("{id}", ":id");
    AccessRule rule = AccessRule.controlOf("/devices");
    routes.post(path, rule).handler(this::start);
    routes.get(path + "/status", rule).handler(this::status);
    routes.get(path, rule).handler(this::result);
  }

  private void start(RoutingContext ctx) {
    String affordance = ExtensionRequests.query(ctx, parameter);
    starter
        .start(ctx, ctx.pathParam("id"), affordance)
        .onSuccess(operation -> OperationResponses.accepted(ctx, operation, parameter))
        .onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    OperationResponses.status(
        ctx, OperationResponses.find(ctx, operations, kind, parameter), parameter);
  }

  private void result(RoutingContext ctx) {
    OperationResponses.result(ctx, OperationResponses.find(ctx, operations, kind, parameter));
  }
}
