package org.nipcgateway.core.nipc.unonboarded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.NoSuchElementException;
import org.nipcgateway.core.http.Problems;
import org.nipcgateway.core.http.RequestBodies;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.RouteTable;

/**
 * The operator's switch for advertisements of not-onboarded devices, a gateway administration route
 * outside the NIPC draft: {@code PUT /radios/ble/unonboarded-advertisements/{dataAppId}} with a
 * filter grants a registered data app the advertisements that pass it, {@code GET} shows a grant
 * (or all of them) with its counters, {@code DELETE} withdraws it. Operators with the data role
 * only: an endpoint app may not grant itself a view of every device around the gateway.
 */
public final class UnonboardedAdvertisementRoutes {
  public static final String PATH = "/radios/ble/unonboarded-advertisements";

  private final UnonboardedAdvertisements grants;
  private final boolean bleConfigured;

  public UnonboardedAdvertisementRoutes(UnonboardedAdvertisements grants, boolean bleConfigured) {
    this.grants = grants;
    this.bleConfigured = bleConfigured;
  }

  public void mount(RouteTable.Routes routes) {
    AccessRule rule = AccessRule.operator(Role.DATA);
    routes.get(PATH, rule).handler(this::list);
    routes.put(PATH + "/:dataAppId", rule).handler(this::grant);
    routes.get(PATH + "/:dataAppId", rule).handler(this::show);
    routes.delete(PATH + "/:dataAppId", rule).handler(this::revoke);
  }

  private void grant(RoutingContext ctx) {
    String dataAppId = ctx.pathParam("dataAppId");
    if (!bleConfigured) {
      Problems.send(ctx, 404, "Not Found", "no BLE radio is configured");
      return;
    }
    if (!"application/json".equals(RequestBodies.mediaType(ctx))) {
      Problems.send(ctx, 415, "Unsupported Media Type", "Content-Type must be application/json");
      return;
    }
    JsonNode body;
    try {
      body = RequestBodies.json(ctx);
    } catch (RequestBodies.MalformedBody e) {
      Problems.send(ctx, 400, "Bad Request", e.getMessage());
      return;
    }
    grants
        .grant(dataAppId, body)
        .onSuccess(
            created ->
                ctx.response()
                    .setStatusCode(created ? 201 : 200)
                    .putHeader("Content-Type", "application/json")
                    .end(grants.shown(dataAppId).orElseThrow().toString()))
        .onFailure(
            e -> {
              if (e instanceof IllegalArgumentException) {
                Problems.send(ctx, 400, "Bad Request", e.getMessage());
              } else if (e instanceof NoSuchElementException) {
                Problems.send(ctx, 404, "Not Found", e.getMessage());
              } else {
                ctx.fail(e);
              }
            });
  }

  private void show(RoutingContext ctx) {
    String dataAppId = ctx.pathParam("dataAppId");
    grants
        .shown(dataAppId)
        .ifPresentOrElse(
            grant ->
                ctx.response().putHeader("Content-Type", "application/json").end(grant.toString()),
            () -> notGranted(ctx, dataAppId));
  }

  private void revoke(RoutingContext ctx) {
    String dataAppId = ctx.pathParam("dataAppId");
    grants
        .revoke(dataAppId)
        .onSuccess(
            revoked -> {
              if (revoked) {
                ctx.response().setStatusCode(204).end();
              } else {
                notGranted(ctx, dataAppId);
              }
            })
        .onFailure(ctx::fail);
  }

  private static void notGranted(RoutingContext ctx, String dataAppId) {
    Problems.send(
        ctx,
        404,
        "Not Found",
        "data app " + dataAppId + " has no grant of not-onboarded advertisements");
  }

  private void list(RoutingContext ctx) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.putArray("grants").addAll(grants.all());
    ctx.response().putHeader("Content-Type", "application/json").end(out.toString());
  }
}
