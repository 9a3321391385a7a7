package org.nipcgateway.core.http;

import io.vertx.core.buffer.Buffer;
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

  private final Buffer live = body(true, new JsonObject());

  private final Supplier<String> store;
  private final BooleanSupplier shuttingDown;
  private final Supplier<List<RadioStatus>> radios;

  /**
   * The last readiness answer with what it was made from. Probes come often and the answer rarely
   * changes, so an unchanged state is answered with the bytes encoded before (encoding was a sixth
   * of a probe's CPU). Vert.x writes a buffer without consuming it.
   */
  private volatile Readiness last;

  private record Readiness(
      String store, boolean stopping, List<RadioStatus> radios, boolean up, Buffer body) {
    boolean answers(String store, boolean stopping, List<RadioStatus> radios) {
      return this.stopping == stopping && this.store.equals(store) && this.radios.equals(radios);
    }
  }

  public HealthRoutes(
      Supplier<String> store, BooleanSupplier shuttingDown, Supplier<List<RadioStatus>> radios) {
    this.store = store;
    this.shuttingDown = shuttingDown;
    this.radios = radios;
  }

  /** Open routes: supervisors probe them without credentials, and they reveal nothing. */
  public void mount(RouteTable.Routes routes) {
    routes.get("/health/live", AccessRule.open()).handler(ctx -> respond(ctx, true, live));
    routes.get("/health/ready", AccessRule.open()).handler(this::readiness);
    routes.get("/health", AccessRule.open()).handler(this::readiness);
  }

  private void readiness(RoutingContext ctx) {
    String storeHealth = store.get();
    boolean stopping = shuttingDown.getAsBoolean();
    List<RadioStatus> now = radios.get();
    Readiness known = last;
    if (known == null || !known.answers(storeHealth, stopping, now)) {
      known = readiness(storeHealth, stopping, now);
      last = known;
    }
    respond(ctx, known.up(), known.body());
  }

  private static Readiness readiness(String storeHealth, boolean stopping, List<RadioStatus> now) {
    boolean storeUp = storeHealth.equals("UP");
    JsonObject checks =
        new JsonObject()
            .put("store", storeHealth)
            .put("lifecycle", stopping ? "STOPPING" : "RUNNING");
    boolean radiosUp = true;
    JsonObject radioChecks = new JsonObject();
    for (RadioStatus radio : now) {
      radiosUp &= radio.state() == RadioState.UP;
      JsonObject check =
          new JsonObject().put("driver", radio.driver()).put("state", radio.state().name());
      radio.details().forEach(check::put);
      radioChecks.put(radio.family(), check);
    }
    if (!radioChecks.isEmpty()) {
      checks.put("radios", radioChecks);
    }
    boolean up = storeUp && !stopping && radiosUp;
    return new Readiness(storeHealth, stopping, List.copyOf(now), up, body(up, checks));
  }

  private static Buffer body(boolean up, JsonObject checks) {
    JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN");
    if (!checks.isEmpty()) {
      body.put("checks", checks);
    }
    return JsonBodies.encode(body);
  }

  private static void respond(RoutingContext ctx, boolean up, Buffer body) {
    ctx.response()
        .setStatusCode(up ? 200 : 503)
        .putHeader(CONTENT_TYPE, JsonBodies.JSON)
        .putHeader(CACHE_CONTROL, NO_STORE)
        .end(body);
  }
}
