package org.nipcgateway.core.nipc.problem;

import io.vertx.core.json.JsonObject;

/** Renders failures as RFC 9457 problem documents: whole responses, or items of an array. */
public final class ProblemDocuments {
  private final ProblemTypes types;

  public ProblemDocuments(ProblemTypes types) {
    this.types = types;
  }

  public ProblemType typeOf(NipcException problem) {
    return problem.type(types);
  }

  public JsonObject of(NipcException problem) {
    ProblemType type = problem.type(types);
    return new JsonObject()
        .put("type", type.uri())
        .put("status", type.status())
        .put("title", type.title())
        .put("detail", problem.getMessage());
  }
}
