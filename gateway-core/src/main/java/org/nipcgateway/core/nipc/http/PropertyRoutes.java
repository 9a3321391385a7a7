package org.nipcgateway.core.nipc.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.nipcgateway.core.http.RequestBodies;
import org.nipcgateway.core.nipc.body.NipcBodies;
import org.nipcgateway.core.nipc.operation.PropertyService;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * Property reads and writes: {@code /devices/{id}/properties} (draft-ietf-asdf-nipc, "NIPC Property
 * APIs"). With {@code application/nipc+json}, values are base64 and each item succeeds or carries
 * its own problem; a single property may also be read or written raw with another media type (e.g.
 * {@code application/octet-stream}).
 */
final class PropertyRoutes {
  private static final Set<String> JSON_TYPES = Set.of(ModelRoutes.NIPC_JSON, "application/json");

  private final PropertyService properties;
  private final ProblemDocuments problems;
  private final int maxBatch;

  /**
   * @param maxBatch most properties one request may read or write: each may cost a radio round
   *     trip, so a long list is a cheap way to tie up a device
   */
  PropertyRoutes(PropertyService properties, ProblemDocuments problems, int maxBatch) {
    this.properties = properties;
    this.problems = problems;
    this.maxBatch = maxBatch;
  }

  private void checkBatch(int size) {
    if (size > maxBatch) {
      throw NipcException.generic(
          413, "at most " + maxBatch + " properties per request, got " + size);
    }
  }

  void mount(RouteTable.Routes routes) {
    routes.get("/devices/:id/properties", AccessRule.controlOf("/devices")).handler(this::read);
    routes.put("/devices/:id/properties", AccessRule.controlOf("/devices")).handler(this::write);
  }

  private void read(RoutingContext ctx) {
    // The request's params, decoded once already (QueryCheck); the context's queryParams would
    // decode the query string a second time.
    List<String> names = ctx.request().params().getAll("propertyName");
    if (names.isEmpty()) {
      throw NipcException.badRequest(
          "name at least one property with the propertyName query parameter");
    }
    checkBatch(names.size());
    String accept = ctx.request().getHeader("Accept");
    boolean raw = names.size() == 1 && accept != null && !accepts(accept, ModelRoutes.NIPC_JSON);
    properties
        .device(ctx.pathParam("id"))
        .compose(
            device -> {
              if (raw) {
                return properties
                    .read(device, names.get(0))
                    .onSuccess(
                        value ->
                            ctx.response()
                                .putHeader("Content-Type", accept.split(",")[0].trim())
                                .end(Buffer.buffer(value)))
                    .mapEmpty();
              }
              return each(
                      names,
                      name ->
                          properties
                              .read(device, name)
                              .map(
                                  value ->
                                      new JsonObject()
                                          .put("property", name)
                                          .put("value", Base64.getEncoder().encodeToString(value))))
                  .onSuccess(items -> sendJson(ctx, items));
            })
        .onFailure(ctx::fail);
  }

  private void write(RoutingContext ctx) {
    String single = ctx.request().getParam("propertyName");
    if (single != null && !JSON_TYPES.contains(RequestBodies.mediaType(ctx))) {
      byte[] value = RequestBodies.bytes(ctx).orElse(new byte[0]);
      properties
          .device(ctx.pathParam("id"))
          .compose(device -> properties.write(device, single, value))
          .onSuccess(v -> ctx.response().setStatusCode(204).end())
          .onFailure(ctx::fail);
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    NipcBodies.array(ctx, JSON_TYPES).forEach(items::add);
    checkBatch(items.size());
    List<String> names = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    for (JsonNode item : items) {
      if (!item.path("property").isTextual() || !item.path("value").isTextual()) {
        throw NipcException.badRequest("each item needs a 'property' and a base64 'value'");
      }
      names.add(item.path("property").asText());
      values.add(decode(item.path("value").asText()));
    }
    properties
        .device(ctx.pathParam("id"))
        .compose(
            device -> {
              List<Integer> indexes = new ArrayList<>();
              for (int i = 0; i < names.size(); i++) {
                indexes.add(i);
              }
              return each(
                  indexes,
                  i ->
                      properties
                          .write(device, names.get(i), values.get(i))
                          .map(v -> new JsonObject().put("status", 200)));
            })
        .onSuccess(results -> sendJson(ctx, results))
        .onFailure(ctx::fail);
  }

  /**
   * Runs one operation per item, in order; an item that fails with a NIPC problem becomes that
   * problem's document, any other failure fails the whole request.
   */
  private <T> Future<JsonArray> each(List<T> items, Function<T, Future<JsonObject>> operation) {
    Future<JsonArray> chain = Future.succeededFuture(new JsonArray());
    for (T item : items) {
      chain =
          chain.compose(
              results -> operation.apply(item).transform(outcome -> collect(results, outcome)));
    }
    return chain;
  }

  /** One item's result or NIPC problem, added to the results; any other failure fails them all. */
  private Future<JsonArray> collect(JsonArray results, AsyncResult<JsonObject> outcome) {
    if (outcome.succeeded()) {
      return Future.succeededFuture(results.add(outcome.result()));
    }
    if (outcome.cause() instanceof NipcException problem) {
      return Future.succeededFuture(results.add(problems.of(problem)));
    }
    return Future.failedFuture(outcome.cause());
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw NipcException.badRequest("value is not base64: " + e.getMessage());
    }
  }

  private static boolean accepts(String accept, String mediaType) {
    return accept.contains(mediaType)
        || accept.contains("application/json")
        || accept.contains("*/*");
  }

  private static void sendJson(RoutingContext ctx, JsonArray body) {
    NipcResponses.json(ctx, 200, body);
  }
}
