package org.nipcgateway.core.nipc.extension.bulk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The results of one bulk's operations so far, in order: what its result resource shows while it
 * runs, and its result once it finished (the operation itself is kept by {@code
 * ExtensionOperations}).
 */
final class BulkRun {
  private final List<JsonObject> results = new ArrayList<>();

  /** {@code operations}: one {@code method, path, response} per result (Extension-BulkResponse). */
  synchronized JsonObject results() {
    JsonArray operations = new JsonArray();
    results.forEach(r -> operations.add(r.copy()));
    return new JsonObject().put("operations", operations);
  }

  synchronized void add(String method, String path, JsonObject response) {
    results.add(new JsonObject().put("method", method).put("path", path).put("response", response));
  }
}
