package org.nipcgateway.core.nipc.extension.blob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import org.nipcgateway.core.nipc.extension.request.ExtensionBodies;
import org.nipcgateway.core.nipc.operation.Affordances;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * The Blob extension: {@code PUT /extensions/{id}/properties/blob?propertyName=} with {@code
 * {"blob": base64, "chunksize": n}} writes the blob in pieces of {@code chunksize} bytes (the
 * configured default when absent) and answers 204 once all are written (draft-ietf-asdf-nipc,
 * appendix "NIPC API write binary blob extension").
 */
public final class BlobRoutes {
  /** The extension's URI template, as {@code /.well-known/nipc} lists it. */
  public static final String TEMPLATE = "/extensions/{id}/properties/blob";

  private final Affordances affordances;
  private final BlobWriter writer;
  private final int defaultChunkSize;

  public BlobRoutes(Affordances affordances, BlobWriter writer, int defaultChunkSize) {
    this.affordances = affordances;
    this.writer = writer;
    this.defaultChunkSize = defaultChunkSize;
  }

  public void mount(RouteTable.Routes routes) {
    routes
        .put("/extensions/:id/properties/blob", AccessRule.controlOf("/devices"))
        .handler(this::write);
  }

  private void write(RoutingContext ctx) {
    String property = ExtensionBodies.required(ctx, "propertyName");
    ObjectNode body = ExtensionBodies.object(ctx);
    if (!body.has("blob")) {
      throw NipcException.badRequest("the body needs a base64 'blob'");
    }
    byte[] blob = ExtensionBodies.base64(body.get("blob"), "blob");
    int chunkSize = chunkSize(body.path("chunksize"));
    affordances
        .device(ctx.pathParam("id"))
        .compose(device -> writer.write(device, property, blob, chunkSize))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private int chunkSize(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return defaultChunkSize;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw NipcException.badRequest("'chunksize' must be a whole number of bytes, at least 1");
    }
    return value.asInt();
  }
}
