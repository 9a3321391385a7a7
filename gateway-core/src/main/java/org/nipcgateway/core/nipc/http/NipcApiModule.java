package org.nipcgateway.core.nipc.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.nipcgateway.core.http.ApiModule;
import org.nipcgateway.core.http.GatewayContext;
import org.nipcgateway.core.http.Preloaded;
import org.nipcgateway.core.nipc.model.SdfModelSchema;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.nipcgateway.core.nipc.problem.ProblemTypes;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.BodyReader;

/**
 * The NIPC API (draft-ietf-asdf-nipc) under {@code /nipc}, and its discovery document at {@code
 * /.well-known/nipc}.
 */
public final class NipcApiModule implements ApiModule {
  public static final String BASE_PATH = "/nipc";
  private volatile Engine engine;

  private final Preloaded<Resources> resources =
      new Preloaded<>(() -> new Resources(ProblemTypes.load(), SdfModelSchema.load()));

  /**
   * Where the sub-router sits among the root's routes: after the checks every request passes
   * (negative orders below this), before every route registered in the table (orders from 0).
   */
  private static final int NIPC_MOUNT_ORDER = -1;

  /** Bodies of the administration routes are small filters. */
  private static final int ADMINISTRATION_BODY_LIMIT = 16_384;

  @Override
  public String name() {
    return "nipc";
  }

  @Override
  public java.util.Set<String> storedTypes() {
    return java.util.Set.of(
        org.nipcgateway.core.nipc.model.SdfModelRegistry.TYPE,
        org.nipcgateway.core.nipc.dataapp.DataAppRegistry.TYPE);
  }

  @Override
  public Future<Void> stop() {
    Engine running = engine;
    return running == null ? Future.succeededFuture() : running.stop();
  }

  @Override
  public void preload(Vertx vertx) {
    resources.start(vertx);
  }

  @Override
  public Future<Void> mount(Router router, GatewayContext context) {
    return resources
        .take(context.vertx())
        .map(
            loaded -> {
              ProblemTypes types = loaded.types();
              Engine engine = new Engine(context, types, loaded.schema());
              this.engine = engine;
              JsonObject discovery = wellKnown(engine.extensions());
              context
                  .routes()
                  .on(router, "")
                  .get("/.well-known/nipc", AccessRule.open())
                  .handler(ctx -> ctx.json(discovery));
              engine.mountAdministration(
                  context.routes().on(router, "", ADMINISTRATION_BODY_LIMIT));
              Router nipc = Router.router(context.vertx());
              ProblemResponder problems = new ProblemResponder(new ProblemDocuments(types));
              // One route for both: every NIPC request passes it, and a route costs a match.
              nipc.route()
                  .handler(BodyReader.upTo(context.config().maxBodyBytes()))
                  .failureHandler(problems::handle);
              engine.mount(context.routes().on(nipc, BASE_PATH));
              nipc.route()
                  .last()
                  .handler(
                      ctx ->
                          ctx.fail(
                              NipcException.generic(
                                  404, "no NIPC resource at " + ctx.request().path())));
              // Ahead of the root's own routes, none of which is under /nipc: the device routes
              // are the hot ones, and each route walked past costs a match per request.
              router.route(BASE_PATH + "/*").order(NIPC_MOUNT_ORDER).subRouter(nipc);
              return null;
            });
  }

  /** What the module reads from the class path at start, on a worker. */
  private record Resources(ProblemTypes types, SdfModelSchema schema) {}

  /**
   * The discovery document (draft-ietf-asdf-nipc, "Paths"): base path, no versions, and the URI
   * templates of the extensions served (relative to the base path, as the draft's example).
   */
  private static JsonObject wellKnown(java.util.List<String> extensions) {
    return new JsonObject()
        .put("base_path", BASE_PATH)
        .put("versions", new JsonArray())
        .put("extensions", new JsonArray(extensions));
  }
}
