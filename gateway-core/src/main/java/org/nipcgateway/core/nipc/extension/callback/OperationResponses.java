package org.nipcgateway.core.nipc.extension.callback;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * The HTTP side of a long operation (draft-ietf-asdf-nipc, "API extensions"): the start answers 202
 * with the status URI in Location and Retry-After; the status URI answers 200 {@code IN_PROGRESS}
 * while it runs and 303 See Other to the result URI once it finished; the result URI answers the
 * result, or the problem it ended with.
 *
 * <p>An extension's URIs are {@code /nipc/extensions/{id}/<kind>} (result) and {@code …/status},
 * both with the SDF name and the instance id in the query.
 */
public final class OperationResponses {
  /** Seconds a client should wait before asking for the status. */
  public static final String RETRY_AFTER = "1";

  private static final String BASE = "/nipc/extensions/";
  private static final String JSON = "application/json";

  private OperationResponses() {}

  /** 202 with the status URI. */
  public static void accepted(RoutingContext ctx, ExtensionOperation operation, String parameter) {
    ctx.response()
        .setStatusCode(202)
        .putHeader("Location", uri(operation, parameter, "/status"))
        .putHeader("Retry-After", RETRY_AFTER)
        .end();
  }

  /** 200 while running, 303 to the result once finished (well or not). */
  public static void status(RoutingContext ctx, ExtensionOperation operation, String parameter) {
    JsonObject body =
        new JsonObject()
            .put("id", operation.bodyId())
            .put("instanceId", operation.instanceId())
            .put("status", operation.finished() ? "COMPLETED" : "IN_PROGRESS");
    if (operation.finished()) {
      ctx.response().setStatusCode(303).putHeader("Location", uri(operation, parameter, ""));
    }
    ctx.response().putHeader("Content-Type", JSON).end(body.encode());
  }

  /**
   * The result: JSON, or with an Accept of another type (e.g. application/octet-stream) the bytes
   * of its base64 {@code value}; a failed operation answers its problem, a running one 409.
   */
  public static void result(RoutingContext ctx, ExtensionOperation operation) {
    if (!operation.finished()) {
      throw NipcException.generic(
          409, "operation " + operation.instanceId() + " is still running; poll its status");
    }
    if (operation.problem().isPresent()) {
      throw operation.problem().get();
    }
    JsonObject result = operation.result().orElseGet(JsonObject::new);
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && !acceptsJson(accept) && result.getValue("value") instanceof String v) {
      ctx.response()
          .putHeader("Content-Type", accept.split(",")[0].split(";")[0].trim())
          .end(Buffer.buffer(Base64.getDecoder().decode(v)));
      return;
    }
    ctx.response().putHeader("Content-Type", JSON).end(result.encode());
  }

  /** The operation of that kind on the request's device, named by the query, or 404. */
  public static ExtensionOperation find(
      RoutingContext ctx, ExtensionOperations operations, String kind, String parameter) {
    String subject = ExtensionRequests.query(ctx, parameter);
    String instanceId = ExtensionRequests.query(ctx, "instanceId");
    return operations
        .find(ctx.pathParam("id"), kind, subject, instanceId)
        .orElseThrow(
            () ->
                NipcException.generic(
                    404, "no " + kind + " operation " + instanceId + " for that device and name"));
  }

  private static String uri(ExtensionOperation operation, String parameter, String suffix) {
    return BASE
        + operation.deviceId()
        + "/"
        + operation.kind()
        + suffix
        + "?"
        + parameter
        + "="
        + URLEncoder.encode(operation.subject(), StandardCharsets.UTF_8)
        + "&instanceId="
        + operation.instanceId();
  }

  private static boolean acceptsJson(String accept) {
    return accept.contains("json") || accept.contains("*/*");
  }
}
