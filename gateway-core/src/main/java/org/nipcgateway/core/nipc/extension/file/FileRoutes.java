package org.nipcgateway.core.nipc.extension.file;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.nipcgateway.core.nipc.extension.callback.ExtensionOperation;
import org.nipcgateway.core.nipc.extension.request.ExtensionBodies;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.RouteTable;

/**
 * The File extension (draft-ietf-asdf-nipc, appendix "NIPC API write file extension"): {@code PUT
 * /extensions/{id}/properties/file?propertyName=} starts a write and answers 202 with the Location
 * of its status; {@code GET …/properties/file/status?propertyName=&instanceId=} answers 200 {@code
 * IN_PROGRESS} while it runs, then 303 to {@code GET …/properties/file?propertyName=&instanceId=},
 * which answers 204 when the file was written and the problem when it was not.
 */
public final class FileRoutes {
  /** The extension's URI template, as {@code /.well-known/nipc} lists it. */
  public static final String TEMPLATE = "/extensions/{id}/properties/file";

  private static final String PATH = "/extensions/:id/properties/file";
  private final FileService files;
  private final int defaultChunkSize;
  private final boolean allowHttp;

  public FileRoutes(FileService files, int defaultChunkSize, boolean allowHttp) {
    this.files = files;
    this.defaultChunkSize = defaultChunkSize;
    this.allowHttp = allowHttp;
  }

  public void mount(RouteTable.Routes routes) {
    AccessRule rule = AccessRule.controlOf("/devices");
    routes.put(PATH, rule).handler(this::start);
    routes.get(PATH, rule).handler(this::result);
    routes.get(PATH + "/status", rule).handler(this::status);
  }

  /** The request as the File extension's body describes it. */
  FileRequest request(RoutingContext ctx) {
    return FileRequest.parse(ExtensionBodies.object(ctx), defaultChunkSize, allowHttp);
  }

  private void start(RoutingContext ctx) {
    String property = ExtensionBodies.required(ctx, "propertyName");
    FileRequest request = request(ctx);
    files
        .start(ctx.pathParam("id"), property, request)
        .onSuccess(
            job ->
                ctx.response()
                    .setStatusCode(202)
                    .putHeader("Location", location(job, "/status"))
                    .putHeader("Retry-After", "1")
                    .end())
        .onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    ExtensionOperation job = job(ctx);
    JsonObject body =
        new JsonObject()
            .put("id", job.instanceId())
            .put("status", job.finished() ? "COMPLETED" : "IN_PROGRESS");
    if (job.finished()) {
      ctx.response().putHeader("Location", location(job, ""));
    }
    ExtensionBodies.json(ctx, job.finished() ? 303 : 200, body);
  }

  private void result(RoutingContext ctx) {
    ExtensionOperation job = job(ctx);
    if (!job.finished()) {
      ExtensionBodies.json(
          ctx, 200, new JsonObject().put("id", job.instanceId()).put("status", "IN_PROGRESS"));
      return;
    }
    job.problem().ifPresentOrElse(ctx::fail, () -> ctx.response().setStatusCode(204).end());
  }

  private ExtensionOperation job(RoutingContext ctx) {
    String property = ExtensionBodies.required(ctx, "propertyName");
    String instance = ExtensionBodies.required(ctx, "instanceId");
    return files
        .job(ctx.pathParam("id"), property, instance)
        .orElseThrow(
            () ->
                NipcException.generic(
                    404, "no file write " + instance + " of " + property + " on this device"));
  }

  private static String location(ExtensionOperation job, String suffix) {
    return "/nipc/extensions/"
        + job.deviceId()
        + "/properties/file"
        + suffix
        + "?propertyName="
        + URLEncoder.encode(job.subject(), StandardCharsets.UTF_8)
        + "&instanceId="
        + job.instanceId();
  }
}
