package org.nipcgateway.core.nipc.extension.readconditional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.nipc.extension.callback.Callback;
import org.nipcgateway.core.nipc.extension.callback.ExtensionRequests;

/**
 * A conditional read request (Extension-ReadConditional.yaml {@code Extension-ConditionalRead}):
 * the value to wait for, at most {@code maxRepeat} reads (default 5, at most 10), {@code retryTime}
 * seconds between them (default 1, at most 10; 0 reads again at once) and an optional callback.
 */
record ConditionalRead(byte[] value, int maxRepeat, int retryTime, Optional<Callback> callback) {
  private static final Set<String> MEMBERS = Set.of("value", "maxRepeat", "retryTime", "callback");

  static ConditionalRead of(io.vertx.ext.web.RoutingContext ctx) {
    ObjectNode body = ExtensionRequests.object(ctx, MEMBERS);
    return new ConditionalRead(
        ExtensionRequests.base64(body, "value"),
        ExtensionRequests.integer(body, "maxRepeat", 5, 1, 10),
        ExtensionRequests.integer(body, "retryTime", 1, 0, 10),
        Callback.of(body));
  }
}
