package org.nipcgateway.scim;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import org.nipcgateway.core.http.ApiModule;
import org.nipcgateway.core.http.GatewayContext;
import org.nipcgateway.scim.http.ScimRoutes;
import org.nipcgateway.scim.registry.Links;
import org.nipcgateway.scim.registry.RegistryService;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * The SCIM 2.0 device registry under {@code /scim/v2}. Settings (config section {@code scim}):
 * {@code maxResults} (largest page, default 1000) and {@code maxGroupMembers} (default 1000).
 */
public final class ScimApiModule implements ApiModule {
  private RegistryService registry;
  private java.util.Set<String> storedTypes = java.util.Set.of();

  @Override
  public String name() {
    return "scim";
  }

  @Override
  public Future<Void> mount(Router router, GatewayContext context) {
    JsonObject settings = context.settings(name());
    int maxResults = positive(settings, "maxResults", 1000);
    int maxGroupMembers = positive(settings, "maxGroupMembers", 1000);
    // Reading the schema documents is class-path I/O: done on a worker, not the event loop.
    return context
        .vertx()
        .executeBlocking(ScimSchemaCatalog::load)
        .map(
            catalog -> {
              storedTypes =
                  catalog.resourceTypes().stream()
                      .map(org.nipcgateway.scim.schema.ScimResourceType::name)
                      .collect(java.util.stream.Collectors.toUnmodifiableSet());
              registry =
                  new RegistryService(context.store(), catalog, maxGroupMembers, Clock.systemUTC());
              ScimRoutes routes =
                  new ScimRoutes(
                      registry,
                      catalog,
                      context.urls(),
                      maxResults,
                      context.config().maxBodyBytes());
              router
                  .route(Links.SCIM_PATH + "/*")
                  .subRouter(routes.router(context.vertx(), context.routes()));
              return null;
            });
  }

  private static int positive(JsonObject settings, String key, int fallback) {
    Object value = settings.getValue(key, fallback);
    if (!(value instanceof Integer number) || number < 1) {
      throw new org.nipcgateway.core.config.ConfigException(
          "scim." + key + " must be a positive integer, got " + value);
    }
    return number;
  }

  @Override
  public java.util.Set<String> storedTypes() {
    return storedTypes;
  }

  @Override
  public Future<Void> stop() {
    return registry == null ? Future.succeededFuture() : registry.drained();
  }
}
