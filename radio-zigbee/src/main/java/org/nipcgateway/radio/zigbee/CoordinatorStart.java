package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeChannel;
import com.zsmartsystems.zigbee.ZigBeeNetworkManager;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.ZigBeeStatus;
import com.zsmartsystems.zigbee.app.discovery.ZigBeeDiscoveryExtension;
import com.zsmartsystems.zigbee.serialization.DefaultDeserializer;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the stack up on a transport, on a worker: the network manager with the node store, the
 * raw-value serializer and tap and node discovery; then the coordinator forms the network on first
 * start (from {@link NetworkSettings}, identity stored with sealed keys) or resumes the stored one
 * (its nodes restored from the store, no re-join).
 */
final class CoordinatorStart {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorStart.class);

  private final Vertx vertx;
  private final ZigBeeTransportTransmit transport;
  private final NetworkSettings settings;
  private final Path directory;
  private final UnaryOperator<String> seal;
  private final UnaryOperator<String> open;

  CoordinatorStart(
      Vertx vertx,
      ZigBeeTransportTransmit transport,
      NetworkSettings settings,
      Path directory,
      UnaryOperator<String> seal,
      UnaryOperator<String> open) {
    this.vertx = vertx;
    this.transport = transport;
    this.settings = settings;
    this.directory = directory;
    this.seal = seal;
    this.open = open;
  }

  Future<ZsmartsystemsZigbeeRadio> start() {
    Context context = vertx.getOrCreateContext();
    WorkerExecutor workers =
        vertx.createSharedWorkerExecutor(
            "nipc-zigbee-" + Integer.toHexString(System.identityHashCode(this)),
            settings.workers());
    return workers
        .executeBlocking(() -> startBlocking(context, workers), false)
        .onFailure(e -> workers.close());
  }

  private ZsmartsystemsZigbeeRadio startBlocking(Context context, WorkerExecutor workers) {
    ZigBeeNetworkManager network = new ZigBeeNetworkManager(transport);
    // The dongle's callbacks pass the raw-value tap, then the join introducer, then the stack.
    RawZclTap tap = new RawZclTap(new JoinIntroducer(network));
    transport.setZigBeeTransportReceive(tap);
    JsonNetworkDataStore store = new JsonNetworkDataStore(directory.resolve("nodes"));
    network.setNetworkDataStore(store);
    network.setSerializer(RawValueSerializer.class, DefaultDeserializer.class);

    NetworkEvents events = new NetworkEvents(context, tap);
    events.restoredFromStore(store.readNetworkNodes());
    events.directory(
        nwk -> {
          ZigBeeNode node = network.getNode(nwk);
          return node == null ? null : node.getIeeeAddress();
        });
    network.addNetworkStateListener(events);
    network.addNetworkNodeListener(events);
    network.addCommandListener(events);

    ZigBeeStatus initialized = network.initialize();
    if (initialized != ZigBeeStatus.SUCCESS) {
      network.shutdown();
      throw new RadioException(
          Reason.RADIO_DOWN, "the Zigbee coordinator did not initialise (" + initialized + ")");
    }
    // Extensions are accepted only while the network initialises.
    ZigBeeDiscoveryExtension discovery = new ZigBeeDiscoveryExtension();
    discovery.setUpdateMeshPeriod(0);
    network.addExtension(discovery);
    IeeeAddress coordinator = network.getLocalIeeeAddress();
    events.coordinator(coordinator);
    boolean formed = NetworkIdentity.formed(directory);
    NetworkIdentity identity =
        formed ? NetworkIdentity.load(directory, open) : NetworkIdentity.create(settings);
    network.setZigBeeChannel(ZigBeeChannel.create(identity.channel()));
    network.setZigBeePanId(identity.panId());
    network.setZigBeeExtendedPanId(identity.extendedPanId());
    network.setZigBeeNetworkKey(identity.networkKey());
    network.setZigBeeLinkKey(identity.linkKey());
    ZigBeeStatus started = network.startup(!formed);
    if (started != ZigBeeStatus.SUCCESS) {
      network.shutdown();
      throw new RadioException(
          Reason.RADIO_DOWN, "the Zigbee coordinator did not start (" + started + ")");
    }
    if (!formed) {
      identity.store(directory, seal);
    }
    // The stack tells its listeners on a thread of its own; the radio is usable from now on.
    events.networkStateUpdated(network.getNetworkState());
    LOG.info(
        "Zigbee network {} ({}) on {}",
        formed ? "resumed" : "formed",
        identity,
        network.getTransportVersionString());
    return new ZsmartsystemsZigbeeRadio(
        context, transport, network, tap, workers, settings.answerTimeout(), events);
  }
}
