package org.nipcgateway.scim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Map;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.http.ApiModule;
import org.nipcgateway.core.http.GatewayContext;
import org.nipcgateway.core.http.Preloaded;
import org.nipcgateway.scim.http.BulkLimits;
import org.nipcgateway.scim.http.ScimRoutes;
import org.nipcgateway.scim.registry.Links;
import org.nipcgateway.scim.registry.RegistryService;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * The SCIM 2.0 device registry under {@code /scim/v2}. Settings (config section {@code scim}):
 * {@code maxResults} (largest page, default 1000), {@code maxGroupMembers} (default 1000) and
 * {@code bulk}: {@code maxOperations} (default 1000) and {@code maxPayloadBytes} (default 4 MiB).
 */
public final class ScimApiModule implements ApiModule {
  private RegistryService registry;
  private final Preloaded<ScimSchemaCatalog> catalogs = new Preloaded<>(ScimSchemaCatalog::load);
  private java.util.Set<String> storedTypes = java.util.Set.of();

  @Override
  public String name() {
    return "scim";
  }

  @Override
  public void preload(Vertx vertx) {
    catalogs.start(vertx);
  }

  @Override
  public Future<Void> mount(Router router, GatewayContext context) {
    int maxResults;
    int maxGroupMembers;
    BulkLimits bulkLimits;
    try {
      Settings settings = context.settings(name());
      maxResults = settings.integer("maxResults", 1000, 1, Integer.MAX_VALUE);
      maxGroupMembers = settings.integer("maxGroupMembers", 1000, 1, Integer.MAX_VALUE);
      bulkLimits = bulkLimits(settings);
      settings.rejectUnknownKeys();
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    // Reading the schema documents is class-path I/O: done on a worker, not the event loop, and
    // started before the store opened (preload).
    return catalogs
        .take(context.vertx())
        .compose(
            catalog ->
                RegistryService.open(context.store(), catalog, maxGroupMembers, Clock.systemUTC())
                    .map(opened -> Map.entry(catalog, opened)))
        .map(
            ready -> {
              ScimSchemaCatalog catalog = ready.getKey();
              storedTypes =
                  catalog.resourceTypes().stream()
                      .map(org.nipcgateway.scim.schema.ScimResourceType::name)
                      .collect(java.util.stream.Collectors.toUnmodifiableSet());
              registry = ready.getValue();
              ScimRoutes routes =
                  new ScimRoutes(
                      registry,
                      catalog,
                      context.urls(),
                      maxResults,
                      context.config().maxBodyBytes(),
                      bulkLimits);
              router
                  .route(Links.SCIM_PATH + "/*")
                  .subRouter(routes.router(context.vertx(), context.routes()));
              return null;
            });
  }

  private static BulkLimits bulkLimits(Settings settings) {
    Settings bulk = settings.section("bulk");
    return new BulkLimits(
        bulk.integer("maxOperations", BulkLimits.DEFAULT.maxOperations(), 1, 100_000),
        bulk.integer(
            "maxPayloadBytes", BulkLimits.DEFAULT.maxPayloadBytes(), 1024, 64 * 1024 * 1024));
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
