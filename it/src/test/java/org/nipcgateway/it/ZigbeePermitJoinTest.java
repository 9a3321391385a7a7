package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.ZigbeeNode.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;
import org.nipcgateway.it.support.radio.ZigbeeNode;

/**
 * Opening the Zigbee network through the gateway's admin route: a new node joins while joining is
 * permitted and only then; the route answers how long it stays open and refuses bad durations.
 */
@RadioScenario
class ZigbeePermitJoinTest {
  private static final String FIRST = "00:0D:6F:00:00:00:0A:01";
  private static final String SECOND = "00:0D:6F:00:00:00:0A:02";
  private static final String PATH = "/radios/zigbee/permit-join";
  private static final String PLUG = "https://example.com/zplug#/sdfObject/plug";
  private static final Duration JOINING = Duration.ofSeconds(20);

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(World.empty().withNodes(newcomer(FIRST), newcomer(SECOND)));

  @Parameter RadioRow row;

  private static String first;
  private static String second;

  /** A node that is not in the network yet: it joins when joining is permitted. */
  private static JsonObject newcomer(String eui64) {
    return ZigbeeNode.at(eui64, attribute(1, 6, 0, 16, "AQ==", false)).put("joinsOnPermit", true);
  }

  @BeforeParameterizedClassInvocation
  static void registerModelAndDevices() {
    String model =
        "{\"namespace\":{\"z\":\"https://example.com/zplug\"},\"defaultNamespace\":\"z\","
            + "\"sdfObject\":{\"plug\":{\"sdfProperty\":{\"onOff\":{\"writable\":false,"
            + "\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":6,"
            + "\"attributeID\":0,\"attributeType\":16}}}}}}}";
    assertThat(
            gateway
                .scim()
                .post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    first = device("first plug", FIRST);
    second = device("second plug", SECOND);
  }

  private static String device(String name, String eui64) {
    return gateway
        .scim()
        .create("/Devices", Devices.withModel(Devices.zigbee(name, eui64), PLUG))
        .path("id")
        .asText();
  }

  @Test
  void a_new_node_joins_only_while_joining_is_permitted() {
    outOfRange(SECOND, true);
    assertThat(readable(first)).isFalse();
    assertThat(state().path("open").asBoolean()).isFalse();

    Reply opened = open(2);
    assertThat(opened.status()).as(opened.text()).isEqualTo(200);
    assertThat(opened.json().path("open").asBoolean()).isTrue();
    assertThat(opened.json().path("remainingSeconds").asInt()).isBetween(1, 2);
    Eventually.eventually("the first node joined and answers", JOINING, () -> readable(first));

    Eventually.eventually(
        "joining is no longer permitted",
        JOINING,
        () -> !state().path("open").asBoolean() && !simulatedNetworkJoinable());
    // The second node comes in range now, with the network closed: it stays out.
    outOfRange(SECOND, false);
    assertThat(joined()).contains(FIRST).doesNotContain(SECOND);
    assertThat(readable(second)).isFalse();

    assertThat(open(60).status()).isEqualTo(200);
    Eventually.eventually("the second node joined and answers", JOINING, () -> readable(second));
    assertThat(gateway.scim().delete(PATH).status()).isEqualTo(204);
    assertThat(state().path("open").asBoolean()).isFalse();
    assertThat(state().path("remainingSeconds").asInt()).isZero();
  }

  @Test
  void a_duration_out_of_range_or_not_a_whole_number_of_seconds_is_a_bad_request() {
    for (String body :
        new String[] {
          "{\"durationSeconds\":0}",
          "{\"durationSeconds\":255}",
          "{\"durationSeconds\":-3}",
          "{\"durationSeconds\":1.5}",
          "{\"durationSeconds\":\"5\"}",
          "{\"durationSeconds\":null}",
          "{}",
          "{\"durationSeconds\":5,\"forever\":true}",
          "[5]",
          "not json"
        }) {
      Reply reply = gateway.scim().post(PATH, body, "Content-Type", "application/json");
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.header("Content-Type")).as(body).isEqualTo("application/problem+json");
    }
    assertThat(state().path("open").asBoolean()).isFalse();
  }

  private static Reply open(int seconds) {
    return gateway
        .scim()
        .post(PATH, "{\"durationSeconds\":" + seconds + "}", "Content-Type", "application/json");
  }

  private static JsonNode state() {
    Reply reply = gateway.scim().get(PATH);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.json();
  }

  /** Whether the device's node answers a read: it is in the network. */
  private static boolean readable(String device) {
    Reply reply =
        gateway
            .scim()
            .get(
                "/nipc/devices/"
                    + device
                    + "/properties?propertyName="
                    + ScimClient.encode(PLUG + "/sdfProperty/onOff"));
    JsonNode body = reply.json();
    JsonNode item = body.isArray() ? body.path(0) : body;
    return reply.status() == 200 && item.has("value");
  }

  private static void outOfRange(String eui64, boolean silent) {
    Reply reply =
        gateway
            .scim()
            .post(
                "/simulator/zigbee/nodes",
                new JsonObject().put("eui64", eui64).put("silent", silent).encode(),
                "Content-Type",
                "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
  }

  private static boolean simulatedNetworkJoinable() {
    return gateway.scim().get("/simulator").json().path("zigbee").path("joinable").asBoolean();
  }

  private static java.util.List<String> joined() {
    java.util.List<String> joined = new java.util.ArrayList<>();
    gateway
        .scim()
        .get("/simulator")
        .json()
        .path("zigbee")
        .path("joined")
        .forEach(n -> joined.add(n.asText()));
    return joined;
  }
}
