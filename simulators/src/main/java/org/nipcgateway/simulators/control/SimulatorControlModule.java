package org.nipcgateway.simulators.control;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Optional;
import org.nipcgateway.core.http.ApiModule;
import org.nipcgateway.core.http.GatewayContext;
import org.nipcgateway.core.http.Problems;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.RouteTable;
import org.nipcgateway.simulators.ble.SimulatedBleRadio;
import org.nipcgateway.simulators.fault.Fault;
import org.nipcgateway.simulators.fault.FaultPlan;
import org.nipcgateway.simulators.fault.Latency;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork;

/**
 * Runtime control of the simulated radios under {@code /simulator} (simulators/README.md): inject
 * and clear faults, set latency, change values as a device would (which notifies or reports), and
 * read connection slots. Mounted only when a simulated radio runs, so a gateway on real radios has
 * no such routes.
 */
public final class SimulatorControlModule implements ApiModule {
  private static final String BASE = "/simulator";

  private Optional<SimulatedBleRadio> ble = Optional.empty();
  private Optional<SimulatedZigbeeNetwork> zigbee = Optional.empty();

  @Override
  public String name() {
    return "simulator";
  }

  @Override
  public Future<Void> mount(Router router, GatewayContext context) {
    ble =
        context
            .radios()
            .ble()
            .filter(SimulatedBleRadio.class::isInstance)
            .map(SimulatedBleRadio.class::cast);
    zigbee =
        context
            .radios()
            .zigbee()
            .filter(SimulatedZigbeeNetwork.class::isInstance)
            .map(SimulatedZigbeeNetwork.class::cast);
    if (ble.isEmpty() && zigbee.isEmpty()) {
      return Future.succeededFuture();
    }
    // The simulator is the operator's test bench: control role, and no endpoint app.
    AccessRule rule = AccessRule.operator(Role.CONTROL);
    RouteTable.Routes routes = context.routes().on(router, "", 64 * 1024);
    routes.get(BASE, rule).handler(ctx -> ctx.json(state()));
    routes.post(BASE + "/faults", rule).handler(ctx -> handle(ctx, 201, this::addFault));
    routes.delete(BASE + "/faults", rule).handler(ctx -> handle(ctx, 204, body -> clearFaults()));
    routes.put(BASE + "/latency", rule).handler(ctx -> handle(ctx, 204, this::setLatency));
    routes.post(BASE + "/ble/values", rule).handler(ctx -> handle(ctx, 204, this::changeBle));
    routes.post(BASE + "/zigbee/values", rule).handler(ctx -> handle(ctx, 204, this::changeZigbee));
    return Future.succeededFuture();
  }

  private JsonObject state() {
    JsonObject state = new JsonObject();
    ble.ifPresent(
        radio ->
            state.put(
                "ble",
                new JsonObject()
                    .put("slots", radio.slots())
                    .put("slotsInUse", radio.slotsInUse())
                    .put(
                        "latencyMs",
                        new JsonObject(new java.util.HashMap<>(radio.latency().settings())))
                    .put("faults", faults(radio.faults()))));
    zigbee.ifPresent(
        network ->
            state.put(
                "zigbee",
                new JsonObject()
                    .put(
                        "latencyMs",
                        new JsonObject(new java.util.HashMap<>(network.latency().settings())))
                    .put("faults", faults(network.faults()))));
    return state;
  }

  private JsonObject addFault(JsonObject body) {
    Fault fault =
        plan(body.getString("radio"))
            .add(
                body.getString("radio"),
                body.getString("operation", "*"),
                Optional.ofNullable(body.getString("device")),
                Fault.Kind.parse(String.valueOf(body.getString("fault"))),
                body.getInteger("times", -1));
    return fault(fault);
  }

  private JsonObject clearFaults() {
    ble.ifPresent(radio -> radio.faults().clear());
    zigbee.ifPresent(network -> network.faults().clear());
    return null;
  }

  private JsonObject setLatency(JsonObject body) {
    Latency latency =
        switch (String.valueOf(body.getString("radio"))) {
          case "ble" -> ble.orElseThrow(() -> notRunning("ble")).latency();
          case "zigbee" -> zigbee.orElseThrow(() -> notRunning("zigbee")).latency();
          default -> throw new IllegalArgumentException("radio must be ble or zigbee");
        };
    latency.set(body.getString("operation", "*"), body.getLong("ms"));
    return null;
  }

  private JsonObject changeBle(JsonObject body) {
    ble.orElseThrow(() -> notRunning("ble"))
        .change(
            body.getString("mac"),
            new GattCharacteristic(body.getString("service"), body.getString("characteristic")),
            Base64.getDecoder().decode(body.getString("value")));
    return null;
  }

  private JsonObject changeZigbee(JsonObject body) {
    zigbee
        .orElseThrow(() -> notRunning("zigbee"))
        .change(
            body.getString("eui64"),
            body.getInteger("endpoint"),
            body.getInteger("cluster"),
            body.getInteger("attribute"),
            Base64.getDecoder().decode(body.getString("value")));
    return null;
  }

  private FaultPlan plan(String radio) {
    return switch (String.valueOf(radio)) {
      case "ble" -> ble.orElseThrow(() -> notRunning("ble")).faults();
      case "zigbee" -> zigbee.orElseThrow(() -> notRunning("zigbee")).faults();
      default -> throw new IllegalArgumentException("radio must be ble or zigbee");
    };
  }

  private static IllegalArgumentException notRunning(String radio) {
    return new IllegalArgumentException("no simulated " + radio + " radio runs");
  }

  private static JsonArray faults(FaultPlan plan) {
    JsonArray array = new JsonArray();
    plan.list().forEach(f -> array.add(fault(f)));
    return array;
  }

  private static JsonObject fault(Fault fault) {
    JsonObject json =
        new JsonObject()
            .put("id", fault.id())
            .put("radio", fault.radio())
            .put("operation", fault.operation())
            .put("fault", fault.kind().label())
            .put("times", fault.remaining());
    fault.device().ifPresent(d -> json.put("device", d));
    return json;
  }

  /** Runs a control request; malformed input of any kind is a 400 problem. */
  private static void handle(
      RoutingContext ctx, int status, java.util.function.Function<JsonObject, JsonObject> action) {
    try {
      JsonObject body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
      JsonObject result = action.apply(body);
      ctx.response().setStatusCode(status);
      if (result == null) {
        ctx.response().end();
      } else {
        ctx.json(result);
      }
    } catch (IllegalArgumentException | RadioException e) {
      // The simulator's own refusals, written for the caller.
      Problems.send(ctx, 400, "Bad Request", e.getMessage());
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      // Vert.x's and the JVM's texts name classes: not for the caller.
      Problems.send(ctx, 400, "Bad Request", "the body is not a JSON object of the expected shape");
    }
  }
}
