package org.nipcgateway.core.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radios.RadioStatus;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * Liveness and readiness for supervisors and load balancers.
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process serves HTTP at all;
 *   <li>{@code GET /health/ready} and {@code GET /health}: 200 when the store is open and its
 *       writes succeed ({@code store} is {@code DEGRADED} while they fail, e.g. on a full disk),
 *       every configured radio is up and the gateway is not shutting down, 503 otherwise. The
 *       checks name each radio's driver and state ({@code radios.ble.driver}, {@code
 *       radios.ble.state}) and add what the driver shows (BLE drivers: {@code connectionSlots}).
 * </ul>
 */
public final class HealthRoutes {
  // Pre-encoded, in the spelling the gateway has always sent.
  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  private static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private final Supplier<String> store;
  private final BooleanSupplier shuttingDown;
  private final Supplier<List<RadioStatus>> radios;

  public HealthRoutes(
      Supplier<String> store, BooleanSupplier shuttingDown, Supplier<List<RadioStatus>> radios) {
    this.store = store;
    this.shuttingDown = shuttingDown;
    this.radios = radios;
  }

  /** Open routes: supervisors probe them without credentials, and they reveal nothing. */
  public void mount(RouteTable.Routes routes) {
    routes
        .get("/health/live", AccessRule.open())
        .handler(ctx -> respond(ctx, true, new JsonObject()));
    routes.get("/health/ready", AccessRule.open()).handler(this::readiness);
    routes.get("/health", AccessRule.open()).handler(this::readiness);
  }

  private void readiness(RoutingContext ctx) {
    String storeHealth = store.get();
    boolean storeUp = storeHealth.equals("UP");
    boolean stopping = shuttingDown.getAsBoolean();
    JsonObject checks =
        new JsonObject()
            .put("store", storeHealth)
            .put("lifecycle", stopping ? "STOPPING" : "RUNNING");
    boolean radiosUp = true;
    JsonObject radioChecks = new JsonObject();
    for (RadioStatus radio : radios.get()) {
      radiosUp &= radio.state() == RadioState.UP;
      JsonObject check =
          new JsonObject().put("driver", radio.driver()).put("state", radio.state().name());
      radio.details().forEach(check::put);
      radioChecks.put(radio.family(), check);
    }
    if (!radioChecks.isEmpty()) {
      checks.put("radios", radioChecks);
    }
    respond(ctx, storeUp && !stopping && radiosUp, checks);
  }

  private static void respond(RoutingContext ctx, boolean up, JsonObject checks) {
    JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN");
    if (!checks.isEmpty()) {
      body.put("checks", checks);
    }
    ctx.response()
        .setStatusCode(up ? 200 : 503)
        .putHeader(CONTENT_TYPE, JsonBodies.JSON)
        .putHeader(CACHE_CONTROL, NO_STORE)
        .end(JsonBodies.encode(body));
  }
}
