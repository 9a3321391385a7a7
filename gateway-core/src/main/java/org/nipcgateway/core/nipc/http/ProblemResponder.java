package org.nipcgateway.core.nipc.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.nipcgateway.core.http.JsonBodies;
import org.nipcgateway.core.http.Problems;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.ProblemDocuments;
import org.nipcgateway.core.storage.StoreException;
import org.nipcgateway.core.storage.StoreFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NIPC router's one failure handler: every failure becomes RFC 9457 problem details with type,
 * status, title and detail. Unknown failures become a 500 that reveals nothing inside.
 */
final class ProblemResponder {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);

  private final ProblemDocuments documents;

  ProblemResponder(ProblemDocuments documents) {
    this.documents = documents;
  }

  void handle(RoutingContext ctx) {
    NipcException problem = toProblem(ctx);
    JsonObject body = documents.of(problem);
    if (!ctx.response().headWritten()) {
      ctx.response()
          .setStatusCode(body.getInteger("status"))
          .putHeader(Problems.CONTENT_TYPE_HEADER, Problems.PROBLEM_JSON)
          .end(JsonBodies.encode(body));
    }
  }

  private static NipcException toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof NipcException nipc) {
      return nipc;
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    return switch (status) {
      case 400, 404, 405, 413, 415 ->
          NipcException.generic(
              status, ctx.request().method() + " " + ctx.request().path() + " cannot be served");
      case 401, 403, 429, 503 ->
          // Denials by the access guard and the connection limit carry their own explanation.
          NipcException.generic(
              status, failure instanceof HttpException http ? http.getPayload() : null);
      default -> {
        if (failure instanceof StoreFullException) {
          LOG.error("Store full on {} {}", ctx.request().method(), ctx.request().path(), failure);
          yield NipcException.generic(507, "the gateway's storage is full; nothing was changed");
        }
        if (failure instanceof StoreException) {
          LOG.error(
              "Store failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
          yield NipcException.generic(503, "the gateway cannot store changes right now");
        }
        LOG.error(
            "Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
        yield NipcException.generic(500, "internal error");
      }
    };
  }
}
