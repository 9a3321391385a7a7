package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.ZigbeeNode.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;
import org.nipcgateway.it.support.radio.ZigbeeNode;

/**
 * A connection to a Zigbee device is node discovery: it answers the service map, endpoints with
 * their clusters and attribute types, on every row (the in-process radio and the zsmartsystems
 * stack on the simulated coordinator).
 */
@RadioScenario
class NipcZigbeeConnectionsTest {
  private static final String EUI64 = "00:0D:6F:00:00:00:AC:01";
  private static final String ABSENT = "00:0D:6F:00:00:00:AC:99";

  /** The node of a device deleted in a test (its node leaves the network then). */
  private static final String EUI64_2 = "00:0D:6F:00:00:00:AC:02";

  private static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withNodes(
                  ZigbeeNode.at(
                      EUI64,
                      attribute(1, 6, 0, 16, "AA==", false),
                      attribute(1, 3, 0, 33, "HgA=", true),
                      attribute(2, 0x0402, 0, 41, "ZgI=", false)),
                  ZigbeeNode.at(EUI64_2, attribute(1, 6, 0, 16, "AA==", false))));

  @Parameter RadioRow row;

  private static String node;
  private static String absent;

  @BeforeParameterizedClassInvocation
  static void registerDevices() {
    node = gateway.scim().create("/Devices", Devices.zigbee("mapped", EUI64)).path("id").asText();
    absent =
        gateway.scim().create("/Devices", Devices.zigbee("absent", ABSENT)).path("id").asText();
  }

  private static String path(String id) {
    return "/nipc/devices/" + id + "/connections";
  }

  @Test
  void connecting_answers_the_nodes_endpoints_clusters_and_attribute_types() {
    Reply connected = gateway.scim().post(path(node), null);
    assertThat(connected.status()).as(connected.text()).isEqualTo(200);
    JsonNode endpoints =
        connected.json().path("protocolInformation").path("zigbee").path("endpoints");
    assertThat(connected.json().path("id").asText()).isEqualTo(node);
    assertThat(endpoints.toString())
        .isEqualTo(
            "[{\"endpointID\":1,\"clusters\":["
                + "{\"clusterID\":3,\"attributes\":[{\"attributeID\":0,\"attributeType\":33}]},"
                + "{\"clusterID\":6,\"attributes\":[{\"attributeID\":0,\"attributeType\":16}]}]},"
                + "{\"endpointID\":2,\"clusters\":["
                + "{\"clusterID\":1026,\"attributes\":[{\"attributeID\":0,\"attributeType\":41}]}]}]");
    Reply status = gateway.scim().get(path(node));
    assertThat(status.status()).as(status.text()).isEqualTo(200);
    assertThat(status.json()).isEqualTo(connected.json());
  }

  @Test
  void a_forgotten_map_is_not_found_until_the_node_is_discovered_again() {
    assertThat(gateway.scim().put(path(node), null).status()).isEqualTo(200);
    assertThat(gateway.scim().delete(path(node)).status()).isEqualTo(204);
    assertThat(gateway.scim().get(path(node)).status()).isEqualTo(404);
    assertThat(gateway.scim().delete(path(node)).status()).isEqualTo(404);
  }

  @Test
  void a_deleted_device_takes_its_map_along_and_its_successor_is_not_connected() {
    String doomed =
        gateway.scim().create("/Devices", Devices.zigbee("doomed", EUI64_2)).path("id").asText();
    assertThat(gateway.scim().post(path(doomed), null).status()).isEqualTo(200);
    assertThat(gateway.scim().delete("/scim/v2/Devices/" + doomed).status()).isEqualTo(204);
    Reply gone = gateway.scim().get(path(doomed));
    assertThat(gone.json().path("type").asText()).as(gone.text()).isEqualTo(PROBLEM + "invalid-id");
    String successor =
        gateway.scim().create("/Devices", Devices.zigbee("successor", EUI64_2)).path("id").asText();
    Reply status = gateway.scim().get(path(successor));
    assertThat(status.status()).as(status.text()).isEqualTo(404);
    assertThat(status.text()).contains("has not been discovered");
  }

  @Test
  void a_node_that_does_not_answer_is_a_zigbee_connection_timeout() {
    Reply reply = gateway.scim().post(path(absent), null);
    assertThat(reply.json().path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-zigbee-connection-timeout");
  }
}
