package org.nipcgateway.core.nipc.extension.readconditional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
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

  /** A bulk's operation has no callback of its own: the bulk calls back once, for all. */
  private static final Set<String> BULK_MEMBERS = Set.of("value", "maxRepeat", "retryTime");

  static ConditionalRead of(RoutingContext ctx) {
    ObjectNode body = ExtensionRequests.object(ctx, MEMBERS);
    return of(body, Callback.of(body));
  }

  /** The {@code data} of a bulk's conditional read, checked as the standalone request is. */
  static ConditionalRead ofBulk(JsonNode data) {
    return of(ExtensionRequests.data(data, BULK_MEMBERS), Optional.empty());
  }

  private static ConditionalRead of(ObjectNode body, Optional<Callback> callback) {
    return new ConditionalRead(
        ExtensionRequests.base64(body, "value"),
        ExtensionRequests.integer(body, "maxRepeat", 5, 1, 10),
        ExtensionRequests.integer(body, "retryTime", 1, 0, 10),
        callback);
  }
}
