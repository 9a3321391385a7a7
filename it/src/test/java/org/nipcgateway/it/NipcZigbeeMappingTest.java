package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.ZigbeeNode.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.DeviceSide;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;
import org.nipcgateway.it.support.radio.ZigbeeNode;

/**
 * What a Zigbee protocol map says beyond endpoint, cluster and attribute reaches the radio: the
 * profile, the manufacturer code, reporting intervals; and what a node answers a command with comes
 * back as the action's value.
 */
@RadioScenario
class NipcZigbeeMappingTest {
  private static final String EUI64 = "00:0D:6F:00:00:00:AB:01";
  private static final String NODE = "https://example.com/zmap#/sdfObject/node";
  private static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";
  private static final int VENDOR = 0x115F;

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withNodes(
                  ZigbeeNode.at(
                      EUI64,
                      attribute(1, 6, 0, 16, "AA==", false),
                      attribute(1, 3, 0, 33, "HgA=", true),
                      attribute(1, 6, 0x4000, 33, "BQA=", true).put("manufacturerCode", VENDOR))));

  @Parameter RadioRow row;

  private static String device;

  @BeforeParameterizedClassInvocation
  static void registerModelAndDevice() {
    String model =
        "{\"namespace\":{\"z\":\"https://example.com/zmap\"},\"defaultNamespace\":\"z\","
            + "\"sdfObject\":{\"node\":{\"sdfProperty\":{"
            + "\"vendorSetting\":{\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":6,"
            + "\"attributeID\":16384,\"attributeType\":33,\"profileID\":260,\"manufacturerCode\":"
            + VENDOR
            + "}}},"
            + "\"vendorSettingWithoutCode\":{\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,"
            + "\"clusterID\":6,\"attributeID\":16384,\"attributeType\":33}}},"
            + "\"onOffOnLightLink\":{\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":6,"
            + "\"attributeID\":0,\"attributeType\":16,\"profileID\":49246}}}"
            + "},\"sdfAction\":{"
            + "\"identifyQuery\":{\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":3,"
            + "\"commandID\":1,\"profileID\":260}}},"
            + "\"on\":{\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":6,\"commandID\":1}}}"
            + "},\"sdfEvent\":{\"switched\":{\"sdfProtocolMap\":{\"zigbee\":{"
            + "\"type\":\"attribute_reporting\",\"endpointID\":1,\"clusterID\":6,\"attributeID\":0,"
            + "\"attributeType\":16,\"minReportInterval\":5,\"maxReportInterval\":600}}}}"
            + "}}}";
    Reply registered =
        gateway
            .scim()
            .post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json");
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    device =
        gateway
            .scim()
            .create("/Devices", Devices.withModel(Devices.zigbee("mapped node", EUI64), NODE))
            .path("id")
            .asText();
  }

  private static JsonNode read(String name) {
    return gateway
        .scim()
        .get(
            "/nipc/devices/"
                + device
                + "/properties?propertyName="
                + ScimClient.encode(NODE + "/sdfProperty/" + name))
        .json()
        .get(0);
  }

  private static Reply act(String action) {
    return gateway
        .scim()
        .post(
            "/nipc/devices/"
                + device
                + "/actions?actionName="
                + ScimClient.encode(NODE + "/sdfAction/" + action),
            null);
  }

  @Test
  void a_manufacturer_code_in_the_map_reaches_the_manufacturer_specific_attribute() {
    assertThat(read("vendorSetting").path("value").asText()).isEqualTo("BQA=");
    assertThat(read("vendorSettingWithoutCode").path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-zigbee-invalid-endpoint-or-cluster");
  }

  @Test
  void the_profile_in_the_map_is_the_profile_the_frame_is_sent_with() {
    // The node's endpoints are on Home Automation: a frame for ZLL (0xC05E) goes unanswered.
    assertThat(read("onOffOnLightLink").path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-zigbee-connection-timeout");
  }

  @Test
  void a_command_with_a_specific_response_has_its_payload_as_the_action_value() {
    Reply started = act("identifyQuery");
    assertThat(started.status()).isEqualTo(202);
    Eventually.eventually(
        "the query completed",
        () -> gateway.scim().get(started.header("Location")).text().contains("COMPLETED"));
    JsonNode status = gateway.scim().get(started.header("Location")).json();
    assertThat(status.path("value").asText()).isEqualTo("HgA=");
  }

  @Test
  void a_command_answered_with_a_default_response_completes_without_a_value() {
    Reply started = act("on");
    Eventually.eventually(
        "on completed",
        () -> gateway.scim().get(started.header("Location")).text().contains("COMPLETED"));
    assertThat(gateway.scim().get(started.header("Location")).json().has("value")).isFalse();
  }

  @Test
  void reporting_intervals_in_the_map_reach_the_node() {
    Reply trigger =
        gateway
            .scim()
            .post(
                "/nipc/devices/"
                    + device
                    + "/triggers?eventName="
                    + ScimClient.encode(NODE + "/sdfEvent/switched"),
                "{\"action\":\"/nipc/devices/"
                    + device
                    + "/actions?actionName="
                    + ScimClient.encode(NODE + "/sdfAction/on")
                    + "\"}",
                "Content-Type",
                "application/nipc+json");
    assertThat(trigger.status()).as(trigger.text()).isEqualTo(201);

    DeviceSide.ConfiguredReporting reporting = gateway.devices().zigbeeReporting().get(0);
    assertThat(reporting.eui64()).isEqualTo(EUI64);
    assertThat(reporting.cluster()).isEqualTo(6);
    assertThat(reporting.minInterval()).isEqualTo(5);
    assertThat(reporting.maxInterval()).isEqualTo(600);

    assertThat(gateway.scim().delete(trigger.header("Location")).status()).isEqualTo(204);
    Eventually.eventually(
        "reporting turned off", () -> gateway.devices().zigbeeReporting().isEmpty());
  }
}
