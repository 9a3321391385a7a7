package org.nipcgateway.core.nipc.extension.bulk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** One bulk on one device: its operations' results so far, in order, and whether it is done. */
public final class BulkRun {
  private final String instanceId;
  private final String deviceId;
  private final List<JsonObject> results = new ArrayList<>();
  private boolean finished;

  BulkRun(String instanceId, String deviceId) {
    this.instanceId = instanceId;
    this.deviceId = deviceId;
  }

  public String instanceId() {
    return instanceId;
  }

  public String deviceId() {
    return deviceId;
  }

  public synchronized boolean finished() {
    return finished;
  }

  /** The Extension-BulkResponse: {@code id} and one {@code method, path, response} per result. */
  public synchronized JsonObject response() {
    JsonArray operations = new JsonArray();
    results.forEach(r -> operations.add(r.copy()));
    return new JsonObject().put("id", instanceId).put("operations", operations);
  }

  synchronized void add(String method, String path, JsonObject response) {
    results.add(new JsonObject().put("method", method).put("path", path).put("response", response));
  }

  synchronized void finish() {
    finished = true;
  }
}
