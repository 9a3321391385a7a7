package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.ZigbeeNode.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalLong;
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
 * A NIPC group action on three Zigbee lights (issue 12): every light switches, and where the row's
 * coordinator counts what it puts on the air, the command went out as one groupcast rather than
 * three unicasts. The in-process simulator has no Zigbee groups and answers per node, which the
 * same results show.
 */
@RadioScenario
class ZigbeeGroupcastTest {
  private static final List<String> LIGHTS =
      List.of("00:0D:6F:00:00:00:0C:01", "00:0D:6F:00:00:00:0C:02", "00:0D:6F:00:00:00:0C:03");
  private static final String LIGHT = "https://example.com/zlamp#/sdfObject/lamp";
  private static final String OFF = "AA==";
  private static final String ON = "AQ==";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withNodes(
                  LIGHTS.stream().map(ZigbeeGroupcastTest::lamp).toArray(JsonObject[]::new)));

  @Parameter RadioRow row;

  private static List<String> lamps;
  private static String group;

  private static JsonObject lamp(String eui64) {
    return ZigbeeNode.at(eui64, attribute(1, 6, 0, 16, OFF, false));
  }

  @BeforeParameterizedClassInvocation
  static void registerLampsAndTheirGroup() {
    String model =
        "{\"namespace\":{\"z\":\"https://example.com/zlamp\"},\"defaultNamespace\":\"z\","
            + "\"sdfObject\":{\"lamp\":{"
            + "\"sdfProperty\":{\"onOff\":{\"writable\":false,\"sdfProtocolMap\":{\"zigbee\":"
            + "{\"endpointID\":1,\"clusterID\":6,\"attributeID\":0,\"attributeType\":16}}}},"
            + "\"sdfAction\":{\"on\":{\"sdfProtocolMap\":{\"zigbee\":"
            + "{\"endpointID\":1,\"clusterID\":6,\"commandID\":1}}},"
            + "\"toggle\":{\"sdfProtocolMap\":{\"zigbee\":"
            + "{\"endpointID\":1,\"clusterID\":6,\"commandID\":2}}}}}}}";
    Reply registered =
        gateway
            .scim()
            .post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json");
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    lamps =
        LIGHTS.stream()
            .map(
                eui64 ->
                    gateway
                        .scim()
                        .create(
                            "/Devices",
                            Devices.withModel(Devices.zigbee("lamp " + eui64, eui64), LIGHT))
                        .path("id")
                        .asText())
            .toList();
    ObjectNode body = ScimClient.JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    body.put("displayName", "Three lamps");
    lamps.forEach(id -> body.withArray("members").addObject().put("value", id));
    group = gateway.scim().create("/Groups", body).path("id").asText();
  }

  @Test
  void a_group_action_on_three_lights_switches_each_and_goes_out_as_one_groupcast() {
    OptionalLong before = groupFramesSent();
    // The simulated coordinator under the zsmartsystems stack counts what goes on the air.
    assertThat(before.isPresent()).isEqualTo(row.name().equals("zsmartsystems"));
    runOnGroup("on");
    lamps.forEach(lamp -> assertThat(onOff(lamp)).as(lamp).isEqualTo(ON));
    before.ifPresent(sent -> assertThat(groupFramesSent().getAsLong() - sent).isEqualTo(1));

    OptionalLong again = groupFramesSent();
    runOnGroup("toggle");
    lamps.forEach(lamp -> assertThat(onOff(lamp)).as(lamp).isEqualTo(OFF));
    // The group is set up once on the nodes: the second action is one more frame, no Add Group.
    again.ifPresent(sent -> assertThat(groupFramesSent().getAsLong() - sent).isEqualTo(1));
  }

  private static void runOnGroup(String action) {
    Reply started =
        gateway
            .scim()
            .post(
                "/nipc/groups/"
                    + group
                    + "/actions?actionName="
                    + ScimClient.encode(LIGHT + "/sdfAction/" + action),
                null);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String status = started.header("Location");
    Eventually.eventually(
        "the group's " + action + " finished on every lamp",
        () -> !gateway.scim().get(status).text().contains("IN_PROGRESS"));
    JsonNode results = gateway.scim().get(status).json();
    assertThat(results).as(results.toString()).hasSize(lamps.size());
    results.forEach(
        r -> assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("COMPLETED"));
  }

  private static String onOff(String lamp) {
    JsonNode body =
        gateway
            .scim()
            .get(
                "/nipc/devices/"
                    + lamp
                    + "/properties?propertyName="
                    + ScimClient.encode(LIGHT + "/sdfProperty/onOff"))
            .json();
    return (body.isArray() ? body.path(0) : body).path("value").asText();
  }

  /** Group-addressed frames the row's coordinator sent, when it counts them. */
  private static OptionalLong groupFramesSent() {
    JsonNode sent = gateway.scim().get("/simulator").json().path("zigbee").path("groupFramesSent");
    return sent.isNumber() ? OptionalLong.of(sent.asLong()) : OptionalLong.empty();
  }
}
