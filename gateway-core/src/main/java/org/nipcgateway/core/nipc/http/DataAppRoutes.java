package org.nipcgateway.core.nipc.http;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.nipcgateway.core.nipc.dataapp.DataAppRegistry;

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

  void mount(Router router) {
    router
        .post(PATH)
        .handler(
            ctx ->
                respond(ctx, 201, registry.register(id(ctx), NipcBodies.object(ctx, JSON_TYPES))));
    router
        .put(PATH)
        .handler(
            ctx -> respond(ctx, 200, registry.update(id(ctx), NipcBodies.object(ctx, JSON_TYPES))));
    router.get(PATH).handler(ctx -> respond(ctx, 200, registry.get(id(ctx))));
    router
        .delete(PATH)
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
