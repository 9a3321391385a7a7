package org.nipcgateway.core.nipc.extension.readconditional;

import org.nipcgateway.core.nipc.extension.callback.ExtensionOperations;
import org.nipcgateway.core.nipc.extension.callback.LongOperationRoutes;

/**
 * The conditional read extension's routes: {@code POST
 * /extensions/{id}/properties/read/conditional?propertyName=} starts a read, {@code GET …/status}
 * polls it, {@code GET …/conditional} fetches the result.
 */
public final class ReadConditionalRoutes {
  /** The URI template advertised in /.well-known/nipc. */
  public static final String TEMPLATE = "/extensions/{id}/properties/read/conditional";

  private ReadConditionalRoutes() {}

  public static LongOperationRoutes of(ConditionalReads reads, ExtensionOperations operations) {
    return new LongOperationRoutes(
        TEMPLATE,
        "propertyName",
        ConditionalReads.KIND,
        operations,
        (ctx, device, property) -> reads.start(device, property, ConditionalRead.of(ctx)));
  }
}
