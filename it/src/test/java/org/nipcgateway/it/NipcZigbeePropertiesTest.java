package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.ZigbeeNode.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * One Zigbee model with properties (including a read/write-split map), actions and an event, on one
 * node.
 */
@RadioScenario
class NipcZigbeePropertiesTest {
  private static final String EUI64 = "50:32:5F:FF:FE:E7:67:28";
  private static final String LIGHT = "https://example.com/zlight#/sdfObject/light";
  private static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withNodes(
                  ZigbeeNode.at(
                      EUI64,
                      attribute(1, 6, 0, 16, "AQ==", false),
                      attribute(1, 3, 0, 33, "AAA=", true),
                      attribute(1, 1026, 0, 41, "Zgg=", false),
                      attribute(1, 1026, 1, 41, "AAA=", true))));

  @Parameter RadioRow row;

  private static String device;

  private static String map(int cluster, int attribute, int type) {
    return "{\"endpointID\":1,\"clusterID\":"
        + cluster
        + ",\"attributeID\":"
        + attribute
        + ",\"attributeType\":"
        + type
        + "}";
  }

  @BeforeParameterizedClassInvocation
  static void registerModelAndDevice() {
    String model =
        "{\"namespace\":{\"z\":\"https://example.com/zlight\"},\"defaultNamespace\":\"z\",\"sdfObject\":{\"light\":{\"sdfProperty\":{"
            + "\"onOff\":{\"writable\":false,\"sdfProtocolMap\":{\"zigbee\":"
            + map(6, 0, 16)
            + "}},"
            + "\"identifyTime\":{\"sdfProtocolMap\":{\"zigbee\":"
            + map(3, 0, 33)
            + "}},"
            + "\"identifyTimeWrongType\":{\"sdfProtocolMap\":{\"zigbee\":"
            + map(3, 0, 41)
            + "}},"
            + "\"missing\":{\"sdfProtocolMap\":{\"zigbee\":"
            + map(8, 0, 32)
            + "}},"
            + "\"setPoint\":{\"sdfProtocolMap\":{\"zigbee\":{\"read\":"
            + map(1026, 0, 41)
            + ",\"write\":"
            + map(1026, 1, 41)
            + "}}}"
            + "},\"sdfAction\":{\"off\":{\"sdfProtocolMap\":{\"zigbee\":"
            + "{\"endpointID\":1,\"clusterID\":6,\"commandID\":0}}},"
            + "\"on\":{\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":6,\"commandID\":1}}}},"
            + "\"sdfEvent\":{\"switched\":{\"sdfProtocolMap\":{\"zigbee\":{\"type\":\"attribute_reporting\","
            + "\"endpointID\":1,\"clusterID\":6,\"attributeID\":0,\"attributeType\":16}}}}"
            + "}}}";
    assertThat(
            gateway
                .scim()
                .post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    device =
        gateway
            .scim()
            .create("/Devices", Devices.withModel(Devices.zigbee("light", EUI64), LIGHT))
            .path("id")
            .asText();
  }

  private static JsonNode read(String... names) {
    StringBuilder path = new StringBuilder("/nipc/devices/" + device + "/properties");
    for (int i = 0; i < names.length; i++) {
      path.append(i == 0 ? "?" : "&")
          .append("propertyName=")
          .append(ScimClient.encode(LIGHT + "/sdfProperty/" + names[i]));
    }
    return gateway.scim().get(path.toString()).json();
  }

  private static JsonNode write(String name, String base64) {
    ArrayNode body = ScimClient.JSON.createArrayNode();
    body.addObject().put("property", LIGHT + "/sdfProperty/" + name).put("value", base64);
    Reply reply =
        gateway
            .scim()
            .put(
                "/nipc/devices/" + device + "/properties",
                body,
                "Content-Type",
                "application/nipc+json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.json().get(0);
  }

  @Test
  void attributes_read_as_their_raw_zcl_bytes() {
    // Neither attribute is written by any test (setPoint writes to attribute 1, reads attribute 0).
    JsonNode items = read("onOff", "setPoint");
    assertThat(items.get(0).path("value").asText()).isEqualTo("AQ==");
    assertThat(items.get(1).path("value").asText()).isEqualTo("Zgg=");
  }

  @Test
  void a_writable_attribute_changes_and_a_read_only_property_is_not_writable() {
    assertThat(write("identifyTime", "CgA=").path("status").asInt()).isEqualTo(200);
    assertThat(read("identifyTime").get(0).path("value").asText()).isEqualTo("CgA=");
    assertThat(write("onOff", "AA==").path("type").asText())
        .isEqualTo(PROBLEM + "property-not-writable");
  }

  @Test
  void a_read_write_split_map_reads_one_attribute_and_writes_another() {
    assertThat(write("setPoint", "0Ac=").path("status").asInt()).isEqualTo(200);
    assertThat(read("setPoint").get(0).path("value").asText()).isEqualTo("Zgg=");
  }

  @Test
  void zigbee_failures_get_the_zigbee_problem_types() {
    assertThat(read("missing").get(0).path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-zigbee-invalid-endpoint-or-cluster");
    assertThat(write("identifyTimeWrongType", "CgA=").path("type").asText())
        .isEqualTo(PROBLEM + "property-write-failed");
  }

  @Test
  void an_attribute_report_event_fires_a_trigger_that_runs_a_cluster_command() {
    String switched = LIGHT + "/sdfEvent/switched";
    String on = LIGHT + "/sdfAction/on";
    Reply trigger =
        gateway
            .scim()
            .post(
                "/nipc/devices/" + device + "/triggers?eventName=" + ScimClient.encode(switched),
                "{\"action\":\"/nipc/devices/"
                    + device
                    + "/actions?actionName="
                    + ScimClient.encode(on)
                    + "\"}",
                "Content-Type",
                "application/nipc+json");
    assertThat(trigger.status()).as(trigger.text()).isEqualTo(201);

    // Off reports the change; the trigger switches the light back on.
    Reply off =
        gateway
            .scim()
            .post(
                "/nipc/devices/"
                    + device
                    + "/actions?actionName="
                    + ScimClient.encode(LIGHT + "/sdfAction/off"),
                null);
    assertThat(off.status()).isEqualTo(202);
    Eventually.eventually(
        "the off action completed",
        () -> gateway.scim().get(off.header("Location")).text().contains("COMPLETED"));
    Eventually.eventually(
        "the trigger switched the light back on",
        () -> read("onOff").get(0).path("value").asText().equals("AQ=="));

    assertThat(gateway.scim().delete(trigger.header("Location")).status()).isEqualTo(204);
  }
}
