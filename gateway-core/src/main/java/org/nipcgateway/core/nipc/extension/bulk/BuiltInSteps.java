package org.nipcgateway.core.nipc.extension.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.nipcgateway.core.nipc.action.ActionRun;
import org.nipcgateway.core.nipc.action.ActionService;
import org.nipcgateway.core.nipc.extension.file.FileRequest;
import org.nipcgateway.core.nipc.extension.file.FileService;
import org.nipcgateway.core.nipc.extension.request.ExtensionBodies;
import org.nipcgateway.core.nipc.operation.PropertyService;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * The operations a bulk holds on this gateway: property reads ({@code response: {value}}) and
 * writes ({@code {status: 200}}), actions (run to their end: {@code {value}} when the device sent a
 * response payload, else {@code {status: 200}}) and file writes ({@code {status: 204}}), as the
 * draft's bulk examples answer them. Conditional reads and events are added by the extensions that
 * define them ({@code ConditionalReadStep}, {@code ConditionalEventStep}, through {@link
 * BulkSteps#add}).
 */
public final class BuiltInSteps {
  private BuiltInSteps() {}

  public static BulkSteps of(
      PropertyService properties,
      ActionService actions,
      FileService files,
      int defaultChunkSize,
      boolean allowHttp) {
    return new BulkSteps()
        .add(
            "GET",
            "/devices/{id}/properties",
            "propertyName",
            (device, name, data) ->
                () ->
                    properties
                        .device(device)
                        .compose(d -> properties.read(d, name))
                        .map(v -> new JsonObject().put("value", encode(v))))
        .add(
            "PUT",
            "/devices/{id}/properties",
            "propertyName",
            (device, name, data) -> {
              byte[] value = value(data, true);
              return () ->
                  properties
                      .device(device)
                      .compose(d -> properties.write(d, name, value))
                      .map(v -> new JsonObject().put("status", 200));
            })
        .add(
            "POST",
            "/devices/{id}/actions",
            "actionName",
            (device, name, data) -> {
              byte[] value = value(data, false);
              return () -> actions.start(device, name, value).compose(BuiltInSteps::outcome);
            })
        .add(
            "PUT",
            "/extensions/{id}/properties/file",
            "propertyName",
            (device, name, data) -> {
              FileRequest request = FileRequest.parse(data, defaultChunkSize, allowHttp);
              return () ->
                  files.run(device, name, request).map(v -> new JsonObject().put("status", 204));
            });
  }

  private static Future<JsonObject> outcome(ActionRun run) {
    ActionRun.DeviceRun device = run.devices().get(0);
    return device
        .finished()
        .compose(
            v -> {
              if (device.problem().isPresent()) {
                return Future.failedFuture(device.problem().get());
              }
              return Future.succeededFuture(
                  device
                      .response()
                      .map(payload -> new JsonObject().put("value", encode(payload)))
                      .orElseGet(() -> new JsonObject().put("status", 200)));
            });
  }

  /** The operation's {@code data.value}: required for a write, optional for an action. */
  private static byte[] value(JsonNode data, boolean required) {
    JsonNode value = data.path("value");
    if (value.isMissingNode() || value.isNull()) {
      if (required) {
        throw NipcException.badRequest("a property write needs a base64 data.value");
      }
      return new byte[0];
    }
    return ExtensionBodies.base64(value, "data.value");
  }

  private static String encode(byte[] value) {
    return Base64.getEncoder().encodeToString(value);
  }
}
