package org.nipcgateway.core.nipc.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.nipcgateway.core.nipc.body.NipcBodies;
import org.nipcgateway.core.nipc.dataapp.DataAppRegistry;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * Data-app registrations: {@code POST|PUT|GET|DELETE /registrations/data-apps?dataAppId=}
 * (draft-ietf-asdf-nipc). Answers show the registration without its secrets.
 */
final class DataAppRoutes {
  private static final Set<String> JSON_TYPES = Set.of(ModelRoutes.NIPC_JSON, "application/json");
  private static final String PATH = "/registrations/data-apps";

  private final DataAppRegistry registry;

  DataAppRoutes(DataAppRegistry registry) {
    this.registry = registry;
  }

  void mount(RouteTable.Routes routes) {
    routes
        .post(PATH, AccessRule.dataAppRegistration("dataAppId"))
        .handler(
            ctx ->
                respond(ctx, 201, registry.register(id(ctx), NipcBodies.object(ctx, JSON_TYPES))));
    routes
        .put(PATH, AccessRule.dataAppRegistration("dataAppId"))
        .handler(
            ctx -> respond(ctx, 200, registry.update(id(ctx), NipcBodies.object(ctx, JSON_TYPES))));
    routes
        .get(PATH, AccessRule.dataAppRegistration("dataAppId"))
        .handler(ctx -> respond(ctx, 200, registry.get(id(ctx))));
    routes
        .delete(PATH, AccessRule.dataAppRegistration("dataAppId"))
        .handler(
            ctx ->
                registry
                    .delete(id(ctx))
                    .onSuccess(v -> ctx.response().setStatusCode(204).end())
                    .onFailure(ctx::fail));
  }

  private static String id(RoutingContext ctx) {
    return NipcResponses.required(ctx, "dataAppId");
  }

  private static void respond(RoutingContext ctx, int status, Future<?> body) {
    body.onSuccess(value -> NipcResponses.json(ctx, status, value)).onFailure(ctx::fail);
  }
}
