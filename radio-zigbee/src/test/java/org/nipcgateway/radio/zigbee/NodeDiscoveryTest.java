package org.nipcgateway.radio.zigbee;

import static org.assertj.core.api.Assertions.assertThat;

import com.zsmartsystems.zigbee.CommandResult;
import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeCommand;
import com.zsmartsystems.zigbee.ZigBeeEndpoint;
import com.zsmartsystems.zigbee.ZigBeeNetworkManager;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.ZigBeeStatus;
import com.zsmartsystems.zigbee.zcl.ZclStatus;
import com.zsmartsystems.zigbee.zcl.clusters.general.DefaultResponse;
import com.zsmartsystems.zigbee.zcl.clusters.general.DiscoverAttributesCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.DiscoverAttributesResponse;
import com.zsmartsystems.zigbee.zcl.field.AttributeInformation;
import com.zsmartsystems.zigbee.zcl.protocol.ZclDataType;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.ZigbeeEndpointMap;

/**
 * How discovery walks a node's clusters and pages, against a scripted node (answers made with the
 * stack's own command classes): the misbehaving nodes the simulated coordinator does not play.
 */
class NodeDiscoveryTest {
  private static final int BASIC = 0x0000;
  private static final int ON_OFF = 0x0006;
  private static final int UINT8 = 0x20;

  // Never initialised: it only backs the node and endpoint objects (nothing is sent through it).
  private final ZigBeeNetworkManager network = new ZigBeeNetworkManager(new QuietDongle());
  private final List<DiscoverAttributesCommand> asked = new ArrayList<>();

  private ZigBeeNode node(int profile, Integer... clusters) {
    ZigBeeNode node = new ZigBeeNode(network, new IeeeAddress("000D6F0000000042"), 0x2A42);
    ZigBeeEndpoint endpoint = new ZigBeeEndpoint(node, 1);
    endpoint.setProfileId(profile);
    endpoint.setInputClusterIds(List.of(clusters));
    node.addEndpoint(endpoint);
    return node;
  }

  private List<ZigbeeEndpointMap> discover(
      ZigBeeNode node, Function<DiscoverAttributesCommand, ZigBeeCommand> answers) {
    Function<ZigBeeCommand, Future<CommandResult>> exchange =
        request -> {
          DiscoverAttributesCommand discover = (DiscoverAttributesCommand) request;
          asked.add(discover);
          return Future.succeededFuture(
              new CommandResult(ZigBeeStatus.SUCCESS, answers.apply(discover)));
        };
    return new NodeDiscovery(node, exchange).run().result();
  }

  private static DiscoverAttributesResponse page(boolean complete, int... ids) {
    List<AttributeInformation> records = new ArrayList<>();
    for (int id : ids) {
      AttributeInformation record = new AttributeInformation();
      record.setIdentifier(id);
      record.setDataType(ZclDataType.getType(UINT8));
      records.add(record);
    }
    return new DiscoverAttributesResponse(complete, records);
  }

  @Test
  void each_page_starts_after_the_highest_id_of_the_last_and_asks_for_sixteen() {
    List<ZigbeeEndpointMap> map =
        discover(
            node(0x0104, BASIC),
            request ->
                request.getStartAttributeIdentifier() == 0 ? page(false, 0, 4) : page(true, 7));
    assertThat(asked)
        .extracting(DiscoverAttributesCommand::getStartAttributeIdentifier)
        .containsExactly(0, 5);
    assertThat(asked)
        .extracting(DiscoverAttributesCommand::getMaximumAttributeIdentifiers)
        .containsOnly(16);
    assertThat(map.get(0).clusters().get(0).attributes())
        .extracting(ZigbeeEndpointMap.Attribute::attributeId)
        .containsExactly(0, 4, 7);
  }

  @Test
  void a_page_that_is_not_complete_but_brings_nothing_ends_the_cluster() {
    List<ZigbeeEndpointMap> map = discover(node(0x0104, BASIC), request -> page(false));
    assertThat(asked).hasSize(1);
    assertThat(map.get(0).clusters().get(0).attributes()).isEmpty();
  }

  @Test
  void a_node_that_never_says_complete_is_asked_sixteen_pages_of_a_cluster_at_most() {
    discover(node(0x0104, BASIC), request -> page(false, request.getStartAttributeIdentifier()));
    assertThat(asked).hasSize(NodeDiscovery.MAX_PAGES);
  }

  @Test
  void a_cluster_whose_node_refuses_discover_attributes_is_listed_without_attributes() {
    List<ZigbeeEndpointMap> map =
        discover(
            node(0x0104, BASIC, ON_OFF),
            request ->
                request.getClusterId() == BASIC
                    ? new DefaultResponse(0x0C, ZclStatus.UNSUP_GENERAL_COMMAND)
                    : page(true, 0));
    assertThat(map)
        .containsExactly(
            new ZigbeeEndpointMap(
                1,
                List.of(
                    new ZigbeeEndpointMap.Cluster(BASIC, List.of()),
                    new ZigbeeEndpointMap.Cluster(
                        ON_OFF, List.of(new ZigbeeEndpointMap.Attribute(0, UINT8))))));
  }

  @Test
  void an_endpoint_on_another_profile_is_listed_without_asking_the_node() {
    List<ZigbeeEndpointMap> map = discover(node(0xC05E, ON_OFF), request -> page(true, 0));
    assertThat(asked).isEmpty();
    assertThat(map)
        .containsExactly(
            new ZigbeeEndpointMap(1, List.of(new ZigbeeEndpointMap.Cluster(ON_OFF, List.of()))));
  }
}
