package org.nipcgateway.core.nipc.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.nipcgateway.core.nipc.body.NipcBodies;
import org.nipcgateway.core.nipc.model.SdfModelRegistry;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.security.AccessGuard;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.Principal;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.RouteTable;

/** SDF model registrations: {@code /registrations/models} (draft-ietf-asdf-nipc). */
final class ModelRoutes {
  static final String SDF_JSON = "application/sdf+json";
  static final String NIPC_JSON = "application/nipc+json";
  private static final Set<String> MODEL_MEDIA_TYPES = Set.of(SDF_JSON, "application/json");

  private final SdfModelRegistry registry;

  ModelRoutes(SdfModelRegistry registry) {
    this.registry = registry;
  }

  void mount(RouteTable.Routes routes) {
    routes
        .post("/registrations/models", AccessRule.role(Role.CONTROL))
        .handler(ctx -> respond(ctx, 201, NIPC_JSON, register(ctx)));
    routes.get("/registrations/models", AccessRule.role(Role.CONTROL)).handler(this::get);
    routes
        .put("/registrations/models", AccessRule.role(Role.CONTROL))
        .handler(ctx -> respond(ctx, 200, NIPC_JSON, replace(ctx)));
    routes
        .delete("/registrations/models", AccessRule.role(Role.CONTROL))
        .handler(ctx -> respond(ctx, 200, NIPC_JSON, delete(ctx)));
  }

  private Future<Object> register(RoutingContext ctx) {
    return registry
        .register(caller(ctx), NipcBodies.object(ctx, MODEL_MEDIA_TYPES))
        .map(ModelRoutes::references);
  }

  private void get(RoutingContext ctx) {
    String sdfName = ctx.request().getParam("sdfName");
    if (sdfName == null) {
      respond(ctx, 200, SDF_JSON, registry.names().map(ModelRoutes::references));
    } else {
      respond(
          ctx,
          200,
          SDF_JSON,
          registry.document(sdfName).map(document -> (Object) document.toString()));
    }
  }

  private Future<Object> replace(RoutingContext ctx) {
    String sdfName = requiredName(ctx);
    Principal caller = caller(ctx);
    // Who may change the model is answered before what the body holds (403 before 400/415).
    return registry
        .requireMayChange(caller, sdfName)
        .compose(v -> registry.replace(caller, sdfName, NipcBodies.object(ctx, MODEL_MEDIA_TYPES)))
        .map(ModelRoutes::reference);
  }

  private Future<Object> delete(RoutingContext ctx) {
    return registry.delete(caller(ctx), requiredName(ctx)).map(ModelRoutes::reference);
  }

  /** The guard authenticated every caller of these routes. */
  private static Principal caller(RoutingContext ctx) {
    return AccessGuard.principal(ctx).orElseThrow();
  }

  private static String requiredName(RoutingContext ctx) {
    String sdfName = ctx.request().getParam("sdfName");
    if (sdfName == null || sdfName.isBlank()) {
      throw NipcException.badRequest("the query parameter sdfName is required");
    }
    return sdfName;
  }

  private static Object references(List<String> names) {
    JsonArray array = new JsonArray();
    names.forEach(name -> array.add(new JsonObject().put("sdfName", name)));
    return array;
  }

  private static Object reference(String name) {
    return new JsonObject().put("sdfName", name);
  }

  /**
   * Sends what the future yields (JSON, or text that already is JSON). The body of a handler that
   * throws a {@link NipcException} while preparing the future goes to the failure handler.
   */
  private static void respond(
      RoutingContext ctx, int status, String mediaType, Future<Object> body) {
    body.onSuccess(
            value ->
                ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", mediaType)
                    .end(value instanceof String text ? text : value.toString()))
        .onFailure(ctx::fail);
  }
}
