package org.nipcgateway.scim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.nipcgateway.core.storage.StoreException;
import org.nipcgateway.scim.registry.Links;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCIM router's one failure handler: every failure becomes a SCIM error response (RFC 7644
 * section 3.12). Unknown failures become a 500 that says nothing of the internals.
 */
final class ScimErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ScimErrors.class);

  static final String BULK_PATH = "/Bulk";

  private final int maxBodyBytes;
  private final int maxBulkBytes;

  ScimErrors(int maxBodyBytes, int maxBulkBytes) {
    this.maxBodyBytes = maxBodyBytes;
    this.maxBulkBytes = maxBulkBytes;
  }

  /** Whether the request is a bulk request (which has a body limit of its own). */
  static boolean isBulk(RoutingContext ctx) {
    return ctx.request().path().endsWith(Links.SCIM_PATH + BULK_PATH);
  }

  void handle(RoutingContext ctx) {
    ScimException error = toScim(ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    String body;
    try {
      body = JsonUtils.getObjectWriter().writeValueAsString(error.getScimError());
    } catch (JsonProcessingException e) {
      body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"500\"}";
    }
    ctx.response()
        .setStatusCode(error.getScimError().getStatus())
        .putHeader("Content-Type", ScimRoutes.SCIM_JSON)
        .end(body);
  }

  private ScimException toScim(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ScimException scim) {
      LOG.debug("SCIM request failed: {}", scim.getMessage());
      return scim;
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    return switch (status) {
      case 404 -> new ResourceNotFoundException("no such SCIM endpoint: " + ctx.request().path());
      case 405 ->
          new ScimException(
              405, null, ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 ->
          new ScimException(
              413,
              null,
              isBulk(ctx)
                  ? "the bulk request is larger than its maxPayloadSize of "
                      + maxBulkBytes
                      + " bytes"
                  : "request body is larger than " + maxBodyBytes + " bytes");
      case 400 -> new ScimException(400, "invalidSyntax", "malformed request");
      case 415 ->
          new ScimException(
              415, null, "request bodies are application/scim+json or application/json");
      case 401, 403, 429, 503 ->
          // Denials by the access guard and the connection limit carry their own explanation.
          new ScimException(
              status, null, failure instanceof HttpException http ? http.getPayload() : null);
      default -> internal(ctx, failure);
    };
  }

  private static ScimException internal(RoutingContext ctx, Throwable failure) {
    if (failure instanceof StoreException) {
      LOG.error("Store failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
      return new ScimException(503, null, "the registry cannot store changes right now");
    }
    LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
    return new ScimException(500, null, "internal error");
  }
}
