package org.nipcgateway.core.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Set;

/**
 * A part of the HTTP API (SCIM, NIPC …) that the gateway mounts at start. Implementations are found
 * with {@link java.util.ServiceLoader}, so the core never depends on them at compile time.
 */
public interface ApiModule {

  /** A short name for logs and for the module's config section, e.g. {@code scim}. */
  String name();

  /**
   * The top-level config sections this module reads ({@link GatewayContext#settings(String)}); by
   * default the one named after it. A config key that neither core nor an installed module claims
   * stops the start, so a module without settings returns an empty set. Each module parses and
   * checks its own sections (unknown keys included) in {@link #mount}.
   */
  default Set<String> configSections() {
    return Set.of(name());
  }

  /**
   * Starts reading what the module needs from its jar ({@link Preloaded}), before the store opens:
   * called for every module at once, first thing at start, on the gateway's event loop; must not
   * block. By default nothing.
   */
  default void preload(Vertx vertx) {}

  /**
   * Adds the module's routes. Called once, on the gateway's event loop, before the HTTP server
   * listens; must not block. A failed future stops the gateway from starting.
   */
  Future<Void> mount(Router router, GatewayContext context);

  /**
   * The resource types this module keeps in the store (known after {@link #mount}). At start the
   * gateway warns about stored rows no module claims: they would otherwise vanish from every view
   * without a word.
   */
  default java.util.Set<String> storedTypes() {
    return java.util.Set.of();
  }

  /** Called at shutdown after the HTTP server stopped taking requests; finishes pending work. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
