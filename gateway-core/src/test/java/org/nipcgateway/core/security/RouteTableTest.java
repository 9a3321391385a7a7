package org.nipcgateway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  private RouteTable table() {
    AccessGuard guard =
        new AccessGuard(
            new Authenticator(null, null, Optional.empty()),
            new DeviceScope(null),
            new RateLimiter(10, 10, System::nanoTime),
            new AuditLog(Clock.systemUTC(), AuditSink.NONE));
    return new RouteTable(guard);
  }

  @Test
  void routes_registered_through_the_table_are_guarded_and_listed_with_their_rules() {
    RouteTable table = table();
    Router root = Router.router(vertx);
    Router api = Router.router(vertx);
    api.route().handler(ctx -> ctx.next()); // middleware for every request is fine
    table.on(api, "/api").get("/things/:id", AccessRule.controlOf("/devices")).handler(c -> {});
    table.on(root, "").get("/health", AccessRule.open()).handler(c -> {});
    root.route("/api/*").subRouter(api);

    assertThat(table.unguarded()).isEmpty();
    assertThat(table.entries())
        .extracting(RouteTable.Entry::path)
        .containsExactly("/api/things/:id", "/health");
  }

  @Test
  void a_route_added_behind_the_tables_back_is_reported() {
    RouteTable table = table();
    Router api = Router.router(vertx);
    table.on(api, "/api").get("/guarded", AccessRule.role(Role.CONTROL)).handler(c -> {});
    api.post("/sneaky").handler(c -> {});

    assertThat(table.unguarded()).containsExactly("[POST] /api/sneaky has no access rule");
  }

  @Test
  void a_sub_router_mounted_outside_the_table_is_reported() {
    RouteTable table = table();
    Router root = Router.router(vertx);
    table.on(root, "");
    root.route("/other/*").subRouter(Router.router(vertx));

    assertThat(table.unguarded()).hasSize(1).first().asString().contains("/other/");
  }
}
