package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.PROBLEM;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/**
 * Every radio fault the fault-injecting decorator can inject, around whatever driver the row runs,
 * becomes its own problem type; afterwards the gateway still serves and no BLE connection slot
 * stays in use.
 */
@RadioScenario
class NipcFaultInjectionTest {
  /** A short operation timeout, so a radio that never answers is cut off quickly. */
  @RegisterExtension
  static final DemoGateway demo = new DemoGateway(new JsonObject().put("operationTimeoutMs", 300));

  @Parameter RadioRow row;

  @AfterEach
  void clearAndCheckRecovery() {
    demo.faults().clear();
    demo.faults().noLatency("ble");
    Eventually.eventually("every BLE slot is free", () -> demo.devices().bleSlotsInUse() == 0);
    assertThat(demo.client().get("/health").status()).isEqualTo(200);
    assertThat(demo.property(demo.thermometer(), "thermometer", "temperatureType"))
        .isEqualTo("Ag==");
    assertThat(demo.property(demo.light(), "light", "temperature")).isEqualTo("Zgg=");
  }

  static Stream<Arguments> faults() {
    Function<DemoGateway, Reply> readBle =
        d -> d.client().get(property(d.thermometer(), "thermometer", "temperatureType"));
    Function<DemoGateway, Reply> writeBle =
        d -> write(d, d.thermometer(), "thermometer", "measurementInterval", "HgA=");
    Function<DemoGateway, Reply> connectBle =
        d -> d.postJson("/nipc/devices/" + d.thermometer() + "/connections", new JsonObject());
    Function<DemoGateway, Reply> enableGatt =
        d ->
            d.post(
                path(
                    d.thermometer(),
                    "events",
                    "eventName",
                    name("thermometer", "sdfEvent", "temperatureMeasurement")));
    Function<DemoGateway, Reply> readZigbee =
        d -> d.client().get(property(d.light(), "light", "temperature"));
    Function<DemoGateway, Reply> writeZigbee =
        d -> write(d, d.light(), "light", "identifyTime", "AQA=");
    Function<DemoGateway, Reply> enableReport =
        d ->
            d.post(
                path(d.light(), "events", "eventName", name("light", "sdfEvent", "onOffChanged")));
    return Stream.of(
        Arguments.of(
            "ble", "connect", "timeout", readBle, "protocolmap-ble-connection-timeout", 504),
        Arguments.of(
            "ble", "connect", "no-slots", readBle, "protocolmap-ble-connection-failed", 502),
        Arguments.of(
            "ble", "connect", "bonding-failed", readBle, "protocolmap-ble-bonding-failed", 502),
        Arguments.of(
            "ble", "read", "disconnect", readBle, "protocolmap-ble-connection-failed", 502),
        Arguments.of("ble", "read", "timeout", readBle, "protocolmap-ble-connection-timeout", 504),
        Arguments.of(
            "ble",
            "read",
            "unknown-target",
            readBle,
            "protocolmap-ble-invalid-service-or-characteristic",
            400),
        Arguments.of("ble", "read", "refused", readBle, "property-read-failed", 502),
        Arguments.of("ble", "write", "refused", writeBle, "property-write-failed", 502),
        Arguments.of(
            "ble", "write", "disconnect", writeBle, "protocolmap-ble-connection-failed", 502),
        Arguments.of(
            "ble",
            "discover",
            "discovery-failed",
            connectBle,
            "protocolmap-ble-service-discovery-failed",
            502),
        Arguments.of(
            "ble",
            "notifications",
            "disconnect",
            enableGatt,
            "protocolmap-ble-connection-failed",
            502),
        Arguments.of(
            "zigbee", "read", "timeout", readZigbee, "protocolmap-zigbee-connection-timeout", 504),
        Arguments.of(
            "zigbee",
            "read",
            "unknown-target",
            readZigbee,
            "protocolmap-zigbee-invalid-endpoint-or-cluster",
            400),
        Arguments.of("zigbee", "read", "refused", readZigbee, "property-read-failed", 502),
        Arguments.of("zigbee", "write", "refused", writeZigbee, "property-write-failed", 502),
        Arguments.of(
            "zigbee",
            "reporting",
            "timeout",
            enableReport,
            "protocolmap-zigbee-connection-timeout",
            504));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {4}")
  @MethodSource("faults")
  void each_injected_fault_becomes_its_problem_type(
      String radio,
      String operation,
      String fault,
      Function<DemoGateway, Reply> request,
      String type,
      int status) {
    demo.faults().inject(radio, operation, fault);

    Reply reply = request.apply(demo);

    // Single-property reads answer 200 with the problem as the item; everything else fails whole.
    JsonObject problem =
        reply.status() == 200
            ? new JsonArray(reply.text()).getJsonObject(0)
            : new JsonObject(reply.text());
    assertThat(problem.getString("type")).as(reply.text()).isEqualTo(PROBLEM + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
  }

  @Test
  void a_radio_that_does_not_answer_in_time_is_cut_off_by_the_operation_timeout() {
    demo.faults().latency("ble", "read", 2000);

    Reply reply = demo.client().get(property(demo.thermometer(), "thermometer", "temperatureType"));

    JsonObject item = new JsonArray(reply.text()).getJsonObject(0);
    assertThat(item.getString("type")).isEqualTo(PROBLEM + "protocolmap-ble-connection-timeout");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("radios")
  void a_radio_taken_down_makes_the_gateway_not_ready_and_its_devices_answer_503_until_it_returns(
      String radio, Function<DemoGateway, Reply> read) {
    JsonObject health = new JsonObject(demo.client().get("/health").text());
    JsonObject check = health.getJsonObject("checks").getJsonObject("radios").getJsonObject(radio);
    // A driver may add details of its own (the bluez driver: its connection slots).
    assertThat(check.getString("driver")).isEqualTo(row.driver(radio));
    assertThat(check.getString("state")).isEqualTo("UP");

    demo.faults().inject(radio, "*", "radio-down");

    Eventually.eventually(
        radio + " reported down", () -> demo.client().get("/health/ready").status() == 503);
    JsonObject down = new JsonObject(demo.client().get("/health").text());
    assertThat(down.getString("status")).isEqualTo("DOWN");
    assertThat(
            down.getJsonObject("checks")
                .getJsonObject("radios")
                .getJsonObject(radio)
                .getString("state"))
        .isEqualTo("DOWN");
    Reply reply = read.apply(demo);
    JsonObject problem = new JsonArray(reply.text()).getJsonObject(0);
    assertThat(problem.getInteger("status")).as(reply.text()).isEqualTo(503);
    assertThat(problem.getString("detail")).contains("down");

    demo.faults().clear();

    Eventually.eventually(
        radio + " back up", () -> demo.client().get("/health/ready").status() == 200);
    assertThat(read.apply(demo).status()).isEqualTo(200);
  }

  static Stream<Arguments> radios() {
    return Stream.of(
        Arguments.of(
            "ble",
            (Function<DemoGateway, Reply>)
                d -> d.client().get(property(d.thermometer(), "thermometer", "temperatureType"))),
        Arguments.of(
            "zigbee",
            (Function<DemoGateway, Reply>)
                d -> d.client().get(property(d.light(), "light", "temperature"))));
  }

  private static String property(String id, String object, String property) {
    return path(id, "properties", "propertyName", name(object, "sdfProperty", property));
  }

  private static Reply write(
      DemoGateway d, String id, String object, String property, String value) {
    JsonArray body =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("property", name(object, "sdfProperty", property))
                    .put("value", value));
    return d.client()
        .put(
            "/nipc/devices/" + id + "/properties",
            body.encode(),
            "Content-Type",
            "application/nipc+json");
  }
}
