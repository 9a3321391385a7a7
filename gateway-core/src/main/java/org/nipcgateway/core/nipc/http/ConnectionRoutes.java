package org.nipcgateway.core.nipc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.nipcgateway.core.http.RequestBodies;
import org.nipcgateway.core.nipc.body.NipcBodies;
import org.nipcgateway.core.nipc.connection.ConnectionService;
import org.nipcgateway.core.radio.BleUuids;
import org.nipcgateway.core.radio.GattService;
import org.nipcgateway.core.radio.ZigbeeEndpointMap;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * Explicit connections: {@code POST|PUT|GET|DELETE /devices/{id}/connections}
 * (draft-ietf-asdf-nipc, "NIPC explicit connection management APIs"). Answers carry the service
 * map: BLE services with full 128-bit UUIDs, or Zigbee endpoints with their clusters and
 * attributes.
 */
final class ConnectionRoutes {
  private static final Set<String> JSON_TYPES = Set.of(ModelRoutes.NIPC_JSON, "application/json");
  private static final String PATH = "/devices/:id/connections";

  private final ConnectionService connections;

  ConnectionRoutes(ConnectionService connections) {
    this.connections = connections;
  }

  void mount(RouteTable.Routes routes) {
    AccessRule rule = AccessRule.controlOf("/devices");
    routes
        .post(PATH, rule)
        .handler(ctx -> respond(ctx, connections.connect(ctx.pathParam("id"), body(ctx))));
    routes
        .put(PATH, rule)
        .handler(ctx -> respond(ctx, connections.update(ctx.pathParam("id"), body(ctx))));
    routes.get(PATH, rule).handler(ctx -> respond(ctx, connections.status(ctx.pathParam("id"))));
    routes
        .delete(PATH, rule)
        .handler(
            ctx ->
                connections
                    .disconnect(ctx.pathParam("id"))
                    .onSuccess(v -> ctx.response().setStatusCode(204).end())
                    .onFailure(ctx::fail));
  }

  private static void respond(
      RoutingContext ctx, io.vertx.core.Future<ConnectionService.Connection> connection) {
    connection.onSuccess(c -> NipcResponses.json(ctx, 200, json(c))).onFailure(ctx::fail);
  }

  /** The request body; none at all means the defaults. */
  private static JsonNode body(RoutingContext ctx) {
    return RequestBodies.bytes(ctx).isEmpty()
        ? MissingNode.getInstance()
        : NipcBodies.object(ctx, JSON_TYPES);
  }

  private static JsonObject json(ConnectionService.Connection connection) {
    JsonObject body = new JsonObject().put("id", connection.deviceId());
    connection
        .services()
        .ifPresent(
            services ->
                body.put(
                    "protocolInformation",
                    new JsonObject()
                        .put("ble", new JsonObject().put("services", services(services)))));
    connection
        .endpoints()
        .ifPresent(
            endpoints ->
                body.put(
                    "protocolInformation",
                    new JsonObject()
                        .put("zigbee", new JsonObject().put("endpoints", endpoints(endpoints)))));
    return body;
  }

  private static JsonArray endpoints(List<ZigbeeEndpointMap> endpoints) {
    JsonArray array = new JsonArray();
    for (ZigbeeEndpointMap endpoint : endpoints) {
      JsonArray clusters = new JsonArray();
      for (ZigbeeEndpointMap.Cluster cluster : endpoint.clusters()) {
        JsonArray attributes = new JsonArray();
        cluster
            .attributes()
            .forEach(
                a ->
                    attributes.add(
                        new JsonObject()
                            .put("attributeID", a.attributeId())
                            .put("attributeType", a.attributeType())));
        clusters.add(
            new JsonObject().put("clusterID", cluster.clusterId()).put("attributes", attributes));
      }
      array.add(
          new JsonObject().put("endpointID", endpoint.endpointId()).put("clusters", clusters));
    }
    return array;
  }

  private static JsonArray services(List<GattService> services) {
    JsonArray array = new JsonArray();
    for (GattService service : services) {
      JsonArray characteristics = new JsonArray();
      for (GattService.Characteristic c : service.characteristics()) {
        JsonArray descriptors = new JsonArray();
        c.descriptors()
            .forEach(d -> descriptors.add(new JsonObject().put("descriptorID", BleUuids.full(d))));
        characteristics.add(
            new JsonObject()
                .put("characteristicID", BleUuids.full(c.characteristicId()))
                .put("flags", new JsonArray(c.flags()))
                .put("descriptors", descriptors));
      }
      array.add(
          new JsonObject()
              .put("serviceID", BleUuids.full(service.serviceId()))
              .put("characteristics", characteristics));
    }
    return array;
  }
}
