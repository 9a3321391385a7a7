package org.nipcgateway.simulators.control;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.nipcgateway.core.http.ApiModule;
import org.nipcgateway.core.http.GatewayContext;
import org.nipcgateway.core.http.Problems;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.fault.Fault;
import org.nipcgateway.core.radio.fault.FaultInjection;
import org.nipcgateway.core.radio.fault.FaultPlan;
import org.nipcgateway.core.radio.fault.Latency;
import org.nipcgateway.core.radios.Radios;
import org.nipcgateway.core.security.AccessRule;
import org.nipcgateway.core.security.Role;
import org.nipcgateway.core.security.RouteTable;
import org.nipcgateway.radio.zigbee.ZsmartsystemsZigbeeRadio;
import org.nipcgateway.simulators.ble.SimulatedBleRadio;
import org.nipcgateway.simulators.zigbee.SimulatedCoordinator;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNodes;

/**
 * Runtime control of the test bench under {@code /simulator} (simulators/README.md): inject and
 * clear faults and set latency in the fault-injecting decorator of any radio that has one, change
 * values as a simulated device would (which notifies or reports), and read connection slots.
 * Mounted only when a simulated radio or fault injection runs, so a gateway on real radios without
 * fault injection has no such routes.
 */
public final class SimulatorControlModule implements ApiModule {
  private static final String BASE = "/simulator";

  private Optional<SimulatedBleRadio> ble = Optional.empty();
  private Optional<SimulatedZigbeeNodes> zigbee = Optional.empty();
  private Optional<SimulatedCoordinator> coordinator = Optional.empty();
  private Optional<FaultInjection> bleFaults = Optional.empty();
  private Optional<FaultInjection> zigbeeFaults = Optional.empty();

  @Override
  public String name() {
    return "simulator";
  }

  /** It has no settings. */
  @Override
  public Set<String> configSections() {
    return Set.of();
  }

  @Override
  public Future<Void> mount(Router router, GatewayContext context) {
    Radios radios = context.radios();
    ble =
        radios
            .bleFamily()
            .map(Radios.Family::driverRadio)
            .filter(SimulatedBleRadio.class::isInstance)
            .map(SimulatedBleRadio.class::cast);
    Optional<org.nipcgateway.core.radio.ZigbeeRadio> zigbeeRadio =
        radios.zigbeeFamily().map(Radios.Family::driverRadio);
    coordinator =
        zigbeeRadio
            .filter(ZsmartsystemsZigbeeRadio.class::isInstance)
            .map(r -> ((ZsmartsystemsZigbeeRadio) r).transport())
            .filter(SimulatedCoordinator.class::isInstance)
            .map(SimulatedCoordinator.class::cast);
    zigbee =
        zigbeeRadio
            .filter(SimulatedZigbeeNetwork.class::isInstance)
            .<SimulatedZigbeeNodes>map(SimulatedZigbeeNetwork.class::cast)
            .or(() -> coordinator.map(SimulatedZigbeeNodes.class::cast));
    bleFaults = radios.bleFamily().flatMap(Radios.Family::faults);
    zigbeeFaults = radios.zigbeeFamily().flatMap(Radios.Family::faults);
    if (ble.isEmpty() && zigbee.isEmpty() && bleFaults.isEmpty() && zigbeeFaults.isEmpty()) {
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
    routes.get(BASE + "/ble/writes", rule).handler(this::bleWrites);
    routes.post(BASE + "/ble/dropped-links", rule).handler(ctx -> handle(ctx, 204, this::dropBle));
    routes.post(BASE + "/zigbee/values", rule).handler(ctx -> handle(ctx, 204, this::changeZigbee));
    if (coordinator.isPresent()) {
      routes
          .post(BASE + "/zigbee/coordinator", rule)
          .handler(ctx -> handle(ctx, 204, this::changeCoordinator));
    }
    routes.post(BASE + "/zigbee/nodes", rule).handler(ctx -> handle(ctx, 204, this::changeNode));
    routes
        .delete(BASE + "/zigbee/reporting", rule)
        .handler(ctx -> handle(ctx, 204, body -> forgetReporting()));
    return Future.succeededFuture();
  }

  private JsonObject state() {
    JsonObject state = new JsonObject();
    if (ble.isPresent() || bleFaults.isPresent()) {
      JsonObject radio = injection(bleFaults);
      ble.ifPresent(
          r ->
              radio
                  .put("slots", r.slots())
                  .put("slotsInUse", r.slotsInUse())
                  .put("transmissions", transmissions(r.transmissions())));
      state.put("ble", radio);
    }
    if (zigbee.isPresent() || zigbeeFaults.isPresent()) {
      JsonObject radio = injection(zigbeeFaults);
      zigbee.ifPresent(
          network ->
              radio
                  .put("reporting", reporting(network))
                  .put("joinable", network.joinable())
                  .put(
                      "leaveRequests",
                      new JsonArray(network.leaveRequests().stream().map(Eui64::toString).toList()))
                  .put(
                      "joined",
                      new JsonArray(
                          network.joined().stream().map(Eui64::toString).sorted().toList())));
      zigbee
          .filter(SimulatedZigbeeNetwork.class::isInstance)
          .map(n -> ((SimulatedZigbeeNetwork) n).transmissions())
          .ifPresent(sent -> radio.put("transmissions", transmissions(sent)));
      coordinator.ifPresent(
          c ->
              radio
                  .put("framesSent", c.framesSent())
                  .put("groupFramesSent", c.groupFramesSent())
                  .put("joins", c.joins()));
      state.put("zigbee", radio);
    }
    return state;
  }

  /** What reporting the nodes were configured with: intervals as ZCL Configure Reporting sent. */
  private static JsonArray reporting(SimulatedZigbeeNodes network) {
    JsonArray configured = new JsonArray();
    for (SimulatedZigbeeNetwork.ConfiguredReporting r : network.reportingConfigured()) {
      configured.add(
          new JsonObject()
              .put("eui64", r.node().toString())
              .put("endpoint", r.endpoint())
              .put("cluster", r.cluster())
              .put("attribute", r.attribute())
              .put("minInterval", r.reporting().minInterval())
              .put("maxInterval", r.reporting().maxInterval()));
    }
    return configured;
  }

  private static JsonArray transmissions(
      java.util.List<org.nipcgateway.simulators.Transmissions.Transmitted> sent) {
    JsonArray array = new JsonArray();
    for (var t : sent) {
      array.add(
          new JsonObject()
              .put("device", t.device())
              .put("payload", Base64.getEncoder().encodeToString(t.payload()))
              .put("connectable", t.connectable())
              .put("cycle", t.schedule().cycle().name().toLowerCase(java.util.Locale.ROOT))
              .put("transmitTime", t.schedule().durationMillis())
              .put("transmitInterval", t.schedule().intervalMillis()));
    }
    return array;
  }

  /**
   * Every value the gateway wrote to one characteristic ({@code mac}, {@code service}, {@code
   * characteristic} query parameters), base64, oldest first.
   */
  private void bleWrites(RoutingContext ctx) {
    try {
      SimulatedBleRadio radio = ble.orElseThrow(() -> notRunning("ble"));
      JsonArray values = new JsonArray();
      radio
          .writes(
              BleAddress.parse(String.valueOf(ctx.request().getParam("mac"))),
              new GattCharacteristic(
                  String.valueOf(ctx.request().getParam("service")),
                  String.valueOf(ctx.request().getParam("characteristic"))))
          .forEach(v -> values.add(Base64.getEncoder().encodeToString(v)));
      ctx.json(new JsonObject().put("writes", values));
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, 400, "Bad Request", e.getMessage());
    }
  }

  private static JsonObject injection(Optional<FaultInjection> faults) {
    JsonObject json = new JsonObject();
    faults.ifPresent(
        f ->
            json.put("latencyMs", new JsonObject(new java.util.HashMap<>(f.latency().settings())))
                .put("faults", faults(f.plan())));
    return json;
  }

  private JsonObject addFault(JsonObject body) {
    Fault fault =
        injection(body.getString("radio"))
            .plan()
            .add(
                body.getString("operation", "*"),
                Optional.ofNullable(body.getString("device")),
                Fault.Kind.parse(String.valueOf(body.getString("fault"))),
                body.getInteger("times", -1),
                body.getInteger("after", 0),
                body.containsKey("status")
                    ? OptionalInt.of(body.getInteger("status"))
                    : OptionalInt.empty());
    return fault(fault);
  }

  private JsonObject clearFaults() {
    bleFaults.ifPresent(f -> f.plan().clear());
    zigbeeFaults.ifPresent(f -> f.plan().clear());
    return null;
  }

  private JsonObject setLatency(JsonObject body) {
    Latency latency = injection(body.getString("radio")).latency();
    latency.set(body.getString("operation", "*"), body.getLong("ms"));
    return null;
  }

  private JsonObject changeBle(JsonObject body) {
    ble.orElseThrow(() -> notRunning("ble"))
        .change(
            BleAddress.parse(body.getString("mac")),
            new GattCharacteristic(body.getString("service"), body.getString("characteristic")),
            Base64.getDecoder().decode(body.getString("value")));
    return null;
  }

  /** The peripheral drops its link on its own, as one going out of range does. */
  private JsonObject dropBle(JsonObject body) {
    ble.orElseThrow(() -> notRunning("ble")).dropLink(BleAddress.parse(body.getString("mac")));
    return null;
  }

  /**
   * The node changes an attribute (and reports it when reporting is on) or, with {@code "written":
   * true} and the attribute's {@code type}, writes it to the gateway (a {@code write_event}).
   */
  private JsonObject changeZigbee(JsonObject body) {
    SimulatedZigbeeNodes network = zigbee.orElseThrow(() -> notRunning("zigbee"));
    Eui64 node = Eui64.parse(body.getString("eui64"));
    byte[] value = Base64.getDecoder().decode(body.getString("value"));
    if (body.getBoolean("written", false)) {
      network.writeToGateway(
          node,
          body.getInteger("endpoint"),
          body.getInteger("cluster"),
          body.getInteger("attribute"),
          body.getInteger("type"),
          value);
    } else {
      network.change(
          node,
          body.getInteger("endpoint"),
          body.getInteger("cluster"),
          body.getInteger("attribute"),
          value);
    }
    return null;
  }

  /** The simulated coordinator is unplugged ({@code "down": true}) or plugged in again. */
  private JsonObject changeCoordinator(JsonObject body) {
    coordinator.orElseThrow().coordinatorDown(body.getBoolean("down"));
    return null;
  }

  /** A node stops answering ({@code "silent": true}: out of range) or answers again. */
  private JsonObject changeNode(JsonObject body) {
    zigbee
        .orElseThrow(() -> notRunning("zigbee"))
        .silence(Eui64.parse(body.getString("eui64")), body.getBoolean("silent"));
    return null;
  }

  /** Every node forgets its reporting, as nodes that were reset while the coordinator was away. */
  private JsonObject forgetReporting() {
    zigbee.orElseThrow(() -> notRunning("zigbee")).forgetReporting();
    return null;
  }

  private FaultInjection injection(String radio) {
    return switch (String.valueOf(radio)) {
      case "ble" -> bleFaults.orElseThrow(() -> noInjection("ble"));
      case "zigbee" -> zigbeeFaults.orElseThrow(() -> noInjection("zigbee"));
      default -> throw new IllegalArgumentException("radio must be ble or zigbee");
    };
  }

  private static IllegalArgumentException notRunning(String radio) {
    return new IllegalArgumentException("no simulated " + radio + " radio runs");
  }

  private static IllegalArgumentException noInjection(String radio) {
    return new IllegalArgumentException("fault injection is off for the " + radio + " radio");
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
            .put("times", fault.remaining())
            .put("after", fault.after());
    fault.device().ifPresent(d -> json.put("device", d));
    fault.status().ifPresent(code -> json.put("status", code));
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
