package org.nipcgateway.core.nipc.extension.eventconditional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.nipc.extension.callback.Callback;
import org.nipcgateway.core.nipc.extension.callback.ExtensionRequests;

/**
 * A conditional event request (Extension-EventConditional.yaml {@code Extension-ConditionalEvent}):
 * the event data to wait for, {@code timeout} seconds to wait (the draft gives no default; ours is
 * 60, at most 3600) and an optional callback.
 */
record ConditionalEvent(byte[] value, int timeout, Optional<Callback> callback) {
  static final int MAX_TIMEOUT_S = 3600;
  private static final Set<String> MEMBERS = Set.of("value", "timeout", "callback");

  /** A bulk's operation has no callback of its own: the bulk calls back once, for all. */
  private static final Set<String> BULK_MEMBERS = Set.of("value", "timeout");

  static ConditionalEvent of(RoutingContext ctx) {
    ObjectNode body = ExtensionRequests.object(ctx, MEMBERS);
    return of(body, Callback.of(body));
  }

  /** The {@code data} of a bulk's conditional event, checked as the standalone request is. */
  static ConditionalEvent ofBulk(JsonNode data) {
    return of(ExtensionRequests.data(data, BULK_MEMBERS), Optional.empty());
  }

  private static ConditionalEvent of(ObjectNode body, Optional<Callback> callback) {
    return new ConditionalEvent(
        ExtensionRequests.base64(body, "value"),
        ExtensionRequests.integer(body, "timeout", 60, 1, MAX_TIMEOUT_S),
        callback);
  }
}
