package org.nipcgateway.core.nipc.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.nipcgateway.core.device.DeviceRecord;
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
    Future<DeviceRecord> device = properties.device(ctx.pathParam("id"));
    if (device.isComplete()) {
      read(ctx, device, names, raw ? accept : null);
    } else {
      device.onComplete(found -> read(ctx, found, names, raw ? accept : null));
    }
  }

  /** Reads the properties of the device found; {@code rawType} the Accept of a raw single read. */
  private void read(
      RoutingContext ctx, AsyncResult<DeviceRecord> device, List<String> names, String rawType) {
    if (device.failed()) {
      ctx.fail(device.cause());
      return;
    }
    DeviceRecord found = device.result();
    if (rawType != null) {
      properties
          .read(found, names.get(0))
          .onSuccess(
              value ->
                  ctx.response()
                      .putHeader("Content-Type", rawType.split(",")[0].trim())
                      .end(Buffer.buffer(value)))
          .onFailure(ctx::fail);
      return;
    }
    answer(
        ctx,
        each(
            names,
            name -> properties.read(found, name),
            (results, name, value) -> results.value(name, value)));
  }

  private void write(RoutingContext ctx) {
    String single = ctx.request().getParam("propertyName");
    boolean json = JSON_TYPES.contains(RequestBodies.mediaType(ctx));
    if (single != null && !json) {
      byte[] value = RequestBodies.bytes(ctx).orElse(new byte[0]);
      properties
          .device(ctx.pathParam("id"))
          .compose(device -> properties.write(device, single, value))
          .onSuccess(v -> ctx.response().setStatusCode(204).end())
          .onFailure(ctx::fail);
      return;
    }
    List<String> names = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    Optional<List<PropertyWriteItems.Item>> usual =
        json ? RequestBodies.bytes(ctx).flatMap(PropertyWriteItems::of) : Optional.empty();
    if (usual.isPresent()) {
      checkBatch(usual.get().size());
      for (PropertyWriteItems.Item item : usual.get()) {
        names.add(item.property());
        values.add(decode(item.value()));
      }
    } else {
      readItems(ctx, names, values);
    }
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      indexes.add(i);
    }
    Future<DeviceRecord> device = properties.device(ctx.pathParam("id"));
    answer(
        ctx,
        device.isComplete() && device.succeeded()
            ? writeAll(device.result(), indexes, names, values)
            : device.compose(found -> writeAll(found, indexes, names, values)));
  }

  /** The items of any other body, read as a tree: what is wrong with it is said from there. */
  private void readItems(RoutingContext ctx, List<String> names, List<byte[]> values) {
    List<JsonNode> items = new ArrayList<>();
    NipcBodies.array(ctx, JSON_TYPES).forEach(items::add);
    checkBatch(items.size());
    for (JsonNode item : items) {
      if (!item.path("property").isTextual() || !item.path("value").isTextual()) {
        throw NipcException.badRequest("each item needs a 'property' and a base64 'value'");
      }
      names.add(item.path("property").asText());
      values.add(decode(item.path("value").asText()));
    }
  }

  private Future<PropertyResults> writeAll(
      DeviceRecord device, List<Integer> indexes, List<String> names, List<byte[]> values) {
    return each(
        indexes,
        i -> properties.write(device, names.get(i), values.get(i)),
        (results, i, written) -> results.written());
  }

  /** Adds an item's result to the results. */
  private interface Adder<T, R> {
    void add(PropertyResults results, T item, R value);
  }

  /**
   * Runs one operation per item, in order; an item that fails with a NIPC problem becomes that
   * problem's document, any other failure fails the whole request. Items that answer at once are
   * collected in a loop, without a future stage each.
   */
  private <T, R> Future<PropertyResults> each(
      List<T> items, Function<T, Future<R>> operation, Adder<T, R> adder) {
    return each(items, 0, operation, adder, new PropertyResults());
  }

  private <T, R> Future<PropertyResults> each(
      List<T> items,
      int from,
      Function<T, Future<R>> operation,
      Adder<T, R> adder,
      PropertyResults results) {
    for (int i = from; i < items.size(); i++) {
      T item = items.get(i);
      Future<R> outcome;
      try {
        outcome = operation.apply(item);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      if (!outcome.isComplete()) {
        int next = i + 1;
        return outcome.transform(
            done -> {
              Throwable failure = collect(results, item, done, adder);
              return failure != null
                  ? Future.failedFuture(failure)
                  : each(items, next, operation, adder, results);
            });
      }
      Throwable failure = collect(results, item, outcome, adder);
      if (failure != null) {
        return Future.failedFuture(failure);
      }
    }
    return Future.succeededFuture(results);
  }

  /**
   * Adds one item's result or NIPC problem to the results; returns any other failure, which fails
   * them all.
   */
  private <T, R> Throwable collect(
      PropertyResults results, T item, AsyncResult<R> outcome, Adder<T, R> adder) {
    if (outcome.succeeded()) {
      adder.add(results, item, outcome.result());
      return null;
    }
    if (outcome.cause() instanceof NipcException problem) {
      results.problem(problems.of(problem));
      return null;
    }
    return outcome.cause();
  }

  private static void answer(RoutingContext ctx, Future<PropertyResults> results) {
    if (results.isComplete()) {
      answered(ctx, results);
    } else {
      results.onComplete(done -> answered(ctx, done));
    }
  }

  private static void answered(RoutingContext ctx, AsyncResult<PropertyResults> results) {
    if (results.succeeded()) {
      NipcResponses.json(ctx, 200, results.result().end());
    } else {
      ctx.fail(results.cause());
    }
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
}
