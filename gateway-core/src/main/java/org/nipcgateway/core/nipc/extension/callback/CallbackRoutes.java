package org.nipcgateway.core.nipc.extension.callback;

import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.RouteTable;

/**
 * {@code GET /callbacks}: what the callback outbox holds and did, per callback target (its origin),
 * for the operator who watches the data apps' queues at {@code GET /streaming}.
 */
public final class CallbackRoutes {
  public static final String PATH = "/callbacks";

  private final CallbackOutbox outbox;

  public CallbackRoutes(CallbackOutbox outbox) {
    this.outbox = outbox;
  }

  public void mount(RouteTable.Routes routes) {
    routes.get(PATH, AccessRule.operator(Role.DATA)).handler(ctx -> ctx.json(outbox.state()));
  }
}
