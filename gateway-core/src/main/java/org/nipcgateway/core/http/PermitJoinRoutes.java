package org.nipcgateway.core.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.RouteTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening the Zigbee network for new nodes, a gateway administration route outside the NIPC draft:
 * {@code POST /radios/zigbee/permit-join} with {@code {"durationSeconds": 1..254}} opens it for
 * that long (Zigbee's Mgmt_Permit_Joining duration; 255, "for ever", is refused), {@code GET}
 * answers whether it is open and for how many seconds more, {@code DELETE} closes it. For operators
 * with the provisioning role (who then register the joined node in SCIM); no endpoint app. The
 * remaining time is the gateway's own record of what it asked the coordinator.
 */
public final class PermitJoinRoutes {
  public static final String PATH = "/radios/zigbee/permit-join";
  private static final Logger LOG = LoggerFactory.getLogger(PermitJoinRoutes.class);
  private static final int MAX_SECONDS = 254;

  private final Optional<ZigbeeRadio> radio;
  private final Clock clock;
  private volatile Instant openUntil = Instant.EPOCH;

  public PermitJoinRoutes(Optional<ZigbeeRadio> radio, Clock clock) {
    this.radio = radio;
    this.clock = clock;
  }

  public void mount(RouteTable.Routes routes) {
    AccessRule rule = AccessRule.operator(Role.PROVISIONING);
    routes.post(PATH, rule).handler(this::open);
    routes.get(PATH, rule).handler(ctx -> ctx.json(state()));
    routes.delete(PATH, rule).handler(this::close);
  }

  private void open(RoutingContext ctx) {
    int seconds;
    try {
      seconds = duration(ctx);
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, 400, "Bad Request", e.getMessage());
      return;
    }
    permit(ctx)
        .ifPresent(
            radio ->
                radio
                    .permitJoin(seconds)
                    .onSuccess(
                        v -> {
                          openUntil = clock.instant().plusSeconds(seconds);
                          LOG.info("Zigbee network open for joining for {} s", seconds);
                          ctx.json(state());
                        })
                    .onFailure(e -> failed(ctx, e)));
  }

  private void close(RoutingContext ctx) {
    permit(ctx)
        .ifPresent(
            radio ->
                radio
                    .permitJoin(0)
                    .onSuccess(
                        v -> {
                          openUntil = Instant.EPOCH;
                          LOG.info("Zigbee network closed for joining");
                          ctx.response().setStatusCode(204).end();
                        })
                    .onFailure(e -> failed(ctx, e)));
  }

  /** The radio to ask, or empty after answering why there is none to ask now. */
  private Optional<ZigbeeRadio> permit(RoutingContext ctx) {
    if (radio.isEmpty()) {
      Problems.send(ctx, 404, "Not Found", "no Zigbee radio is configured");
    } else if (radio.get().state() != RadioState.UP) {
      Problems.send(ctx, 503, "Service Unavailable", "the Zigbee radio is " + radio.get().state());
      return Optional.empty();
    }
    return radio;
  }

  private JsonObject state() {
    // Whole seconds rounded up: open means open, for however short a time is left.
    long millis = openUntil.toEpochMilli() - clock.instant().toEpochMilli();
    long remaining = millis <= 0 ? 0 : (millis + 999) / 1000;
    return new JsonObject().put("open", remaining > 0).put("remainingSeconds", remaining);
  }

  /** {@code {"durationSeconds": N}} and nothing else, N a whole number from 1 to 254. */
  private static int duration(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    if (body == null) {
      throw new IllegalArgumentException("the body must be {\"durationSeconds\": 1 to 254}");
    }
    Set<String> unknown = new java.util.TreeSet<>(body.fieldNames());
    unknown.remove("durationSeconds");
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown members " + unknown);
    }
    Object value = body.getValue("durationSeconds");
    if (!(value instanceof Integer || value instanceof Long)) {
      throw new IllegalArgumentException("durationSeconds must be a whole number of seconds");
    }
    long seconds = ((Number) value).longValue();
    if (seconds < 1 || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "durationSeconds must be from 1 to " + MAX_SECONDS + " (0 would close: use DELETE)");
    }
    return (int) seconds;
  }

  private static void failed(RoutingContext ctx, Throwable e) {
    if (e instanceof RadioException radio && radio.reason() == RadioException.Reason.RADIO_DOWN) {
      Problems.send(ctx, 503, "Service Unavailable", "the Zigbee radio is down");
    } else if (e instanceof RadioException) {
      Problems.send(ctx, 502, "Bad Gateway", "the Zigbee coordinator did not permit joining");
    } else {
      ctx.fail(e);
    }
  }
}
