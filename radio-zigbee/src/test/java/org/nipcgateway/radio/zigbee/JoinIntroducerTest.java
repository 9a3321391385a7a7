package org.nipcgateway.radio.zigbee;

import static org.assertj.core.api.Assertions.assertThat;

import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeNetworkManager;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.ZigBeeNodeStatus;
import com.zsmartsystems.zigbee.aps.ZigBeeApsFrame;
import com.zsmartsystems.zigbee.serialization.DefaultDeserializer;
import com.zsmartsystems.zigbee.serialization.DefaultSerializer;
import com.zsmartsystems.zigbee.zcl.ZclFieldSerializer;
import com.zsmartsystems.zigbee.zdo.command.DeviceAnnounce;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack knows a joining node before it processes the node's frames: left to itself it adds the
 * node later, on a thread of its own, and meanwhile treats the node's announce as coming from an
 * unknown address (which sends its discovery through the queue that then jams).
 */
class JoinIntroducerTest {
  private static final IeeeAddress NODE = new IeeeAddress("000D6F0000000042");
  private static final int NWK = 0x2A42;

  private final QuietDongle dongle = new QuietDongle();
  private final ZigBeeNetworkManager network = new ZigBeeNetworkManager(dongle);
  private final JoinIntroducer introducer = new JoinIntroducer(network);

  @TempDir Path state;

  @BeforeEach
  void online() {
    network.setNetworkDataStore(new JsonNetworkDataStore(state));
    network.setSerializer(DefaultSerializer.class, DefaultDeserializer.class);
    dongle.setZigBeeTransportReceive(introducer);
    network.initialize();
    network.startup(true);
  }

  @AfterEach
  void stop() {
    network.shutdown();
  }

  @Test
  void a_device_announce_makes_the_node_known_before_the_stack_handles_the_frame() {
    introducer.receiveCommand(announce());
    ZigBeeNode known = network.getNode(NWK);
    assertThat(known).isNotNull();
    assertThat(known.getIeeeAddress()).isEqualTo(NODE);
  }

  @Test
  void a_join_reported_by_the_trust_centre_makes_the_node_known_at_once() {
    introducer.nodeStatusUpdate(ZigBeeNodeStatus.UNSECURED_JOIN, NWK, NODE);
    assertThat(network.getNode(NODE)).isNotNull();
    assertThat(network.getNode(NODE).getNetworkAddress()).isEqualTo(NWK);
  }

  @Test
  void a_rejoin_at_a_new_address_moves_the_known_node_to_it() {
    introducer.nodeStatusUpdate(ZigBeeNodeStatus.UNSECURED_JOIN, NWK, NODE);
    introducer.nodeStatusUpdate(ZigBeeNodeStatus.SECURED_REJOIN, NWK + 1, NODE);
    assertThat(network.getNode(NODE).getNetworkAddress()).isEqualTo(NWK + 1);
  }

  @Test
  void a_node_leaving_is_not_introduced() {
    introducer.nodeStatusUpdate(ZigBeeNodeStatus.DEVICE_LEFT, NWK, NODE);
    assertThat(network.getNode(NODE)).isNull();
  }

  private static ZigBeeApsFrame announce() {
    DeviceAnnounce announce = new DeviceAnnounce(NWK, NODE, 0x8E);
    announce.setTransactionId(7);
    ZclFieldSerializer out = new ZclFieldSerializer(new DefaultSerializer());
    announce.serialize(out);
    ZigBeeApsFrame frame = new ZigBeeApsFrame();
    frame.setSourceAddress(NWK);
    frame.setDestinationAddress(0);
    frame.setProfile(0);
    frame.setCluster(0x0013);
    frame.setPayload(out.getPayload());
    return frame;
  }
}
