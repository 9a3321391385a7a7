package org.nipcgateway.simulators.zigbee;

import com.zsmartsystems.zigbee.ExtendedPanId;
import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeChannel;
import com.zsmartsystems.zigbee.ZigBeeNodeStatus;
import com.zsmartsystems.zigbee.ZigBeeNwkAddressMode;
import com.zsmartsystems.zigbee.ZigBeeStatus;
import com.zsmartsystems.zigbee.aps.ZigBeeApsFrame;
import com.zsmartsystems.zigbee.security.ZigBeeKey;
import com.zsmartsystems.zigbee.serialization.DefaultDeserializer;
import com.zsmartsystems.zigbee.transport.TransportConfig;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportProgressState;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportReceive;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportState;
import com.zsmartsystems.zigbee.transport.ZigBeeTransportTransmit;
import com.zsmartsystems.zigbee.zcl.ZclFieldDeserializer;
import com.zsmartsystems.zigbee.zdo.ZdoCommand;
import com.zsmartsystems.zigbee.zdo.ZdoCommandType;
import com.zsmartsystems.zigbee.zdo.command.BindRequest;
import com.zsmartsystems.zigbee.zdo.command.DeviceAnnounce;
import com.zsmartsystems.zigbee.zdo.command.ManagementLeaveRequest;
import com.zsmartsystems.zigbee.zdo.command.ManagementPermitJoiningRequest;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Attribute;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Key;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Zigbee coordinator and its network, behind the stack's transport interface: what the
 * zsmartsystems stack sends as APS frames reaches simulated nodes, which answer as APS frames — ZDO
 * discovery and binding ({@link ZdoAnswers}), ZCL attribute and cluster commands ({@link
 * NodeApplication}), device announce on joining, attribute reports to bound coordinators. One
 * thread plays the air, so the transport returns at once as the stack requires. Faults: latency, a
 * node that has gone silent, a node that has left, the coordinator down.
 */
public final class SimulatedCoordinator implements ZigBeeTransportTransmit, SimulatedZigbeeNodes {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedCoordinator.class);
  private static final long AIR_TIME_MS = 4;
  static final IeeeAddress COORDINATOR = new IeeeAddress("00124B00FFFF0001");

  private final ScheduledExecutorService air =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "simulated-zigbee-air");
            t.setDaemon(true);
            return t;
          });
  private final Map<Integer, CoordinatedNode> byNetworkAddress = new ConcurrentHashMap<>();
  private final Map<Eui64, CoordinatedNode> byEui64 = new ConcurrentHashMap<>();
  private final NodeApplication application = new NodeApplication(this);
  private final AtomicLong framesSent = new AtomicLong();
  private final AtomicLong groupFramesSent = new AtomicLong();
  private final AtomicLong zclFramesSent = new AtomicLong();
  private final JoinWindow joining = new JoinWindow();
  private final AtomicLong joins = new AtomicLong();
  private final java.util.List<Eui64> leaveRequests =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile ZigBeeTransportReceive receive;
  private volatile boolean down;
  private volatile long latencyMs;
  private volatile boolean joinFleetOnDiscovery;
  private ZigBeeChannel channel = ZigBeeChannel.CHANNEL_11;
  private int panId = 0x1A62;
  private ExtendedPanId extendedPanId = new ExtendedPanId("DDDDDDDDDDDDDDDD");
  private ZigBeeKey networkKey = new ZigBeeKey();
  private ZigBeeKey linkKey = new ZigBeeKey();

  /**
   * Adds a node; {@code joined} false keeps it waiting for permit join, and it joins at once when
   * the network is open now (a device powered on while joining is permitted).
   */
  @Override
  public void addNode(Eui64 address, int profile, boolean joined) {
    CoordinatedNode added =
        byEui64.computeIfAbsent(
            address,
            a -> {
              CoordinatedNode node =
                  new CoordinatedNode(a, 0x1000 + byEui64.size(), profile, joined);
              byNetworkAddress.put(node.nwk, node);
              return node;
            });
    if (!added.joined && receive != null) {
      air.execute(
          () -> {
            if (!added.joined && !added.silent && joining.isOpen()) {
              join(added);
            }
          });
    }
  }

  /** Adds (or replaces) an attribute of a node added before. */
  @Override
  public void define(
      Eui64 address,
      int endpoint,
      int cluster,
      int attribute,
      OptionalInt manufacturerCode,
      int type,
      byte[] value,
      boolean writable) {
    node(address)
        .attributes
        .put(
            new Key(
                endpoint,
                cluster,
                attribute,
                manufacturerCode.isPresent()
                    ? Optional.of(manufacturerCode.getAsInt())
                    : Optional.empty()),
            new Attribute(type, writable, value));
  }

  /** The node changes an attribute itself, and reports it when reporting is on and bound. */
  @Override
  public void change(Eui64 address, int endpoint, int cluster, int attribute, byte[] value) {
    CoordinatedNode node = node(address);
    air.execute(() -> application.change(node, endpoint, cluster, attribute, value));
  }

  /** The node writes an attribute to the coordinator (ZCL Write Attributes). */
  @Override
  public void writeToGateway(
      Eui64 address, int endpoint, int cluster, int attribute, int type, byte[] value) {
    CoordinatedNode node = node(address);
    air.execute(
        () -> application.writeToCoordinator(node, endpoint, cluster, attribute, type, value));
  }

  /** The reporting a node holds for an attribute (off when none). */
  public org.nipcgateway.core.radio.ZigbeeReporting reporting(
      Eui64 address, int endpoint, int cluster, int attribute) {
    Attribute a =
        node(address).attributes.get(new Key(endpoint, cluster, attribute, Optional.empty()));
    return a == null ? org.nipcgateway.core.radio.ZigbeeReporting.OFF : a.reporting;
  }

  /** Every attribute with reporting configured, as the nodes hold it. */
  @Override
  public java.util.List<SimulatedZigbeeNetwork.ConfiguredReporting> reportingConfigured() {
    java.util.List<SimulatedZigbeeNetwork.ConfiguredReporting> all = new java.util.ArrayList<>();
    byEui64.forEach(
        (eui64, node) ->
            node.attributes.forEach(
                (key, attribute) -> {
                  if (!attribute.reporting.off()) {
                    all.add(
                        new SimulatedZigbeeNetwork.ConfiguredReporting(
                            eui64,
                            key.endpoint(),
                            key.cluster(),
                            key.attribute(),
                            attribute.reporting));
                  }
                }));
    return all;
  }

  @Override
  public void forgetReporting() {
    byEui64
        .values()
        .forEach(
            node -> {
              node.boundClusters.clear();
              node.attributes
                  .values()
                  .forEach(a -> a.reporting = org.nipcgateway.core.radio.ZigbeeReporting.OFF);
            });
  }

  /** Silences or revives a node by address (for the control routes). */
  public void silence(String eui64, boolean silent) {
    silence(Eui64.parse(eui64), silent);
  }

  /**
   * A node stops answering (or answers again): a node out of range or powered off. One waiting to
   * join joins on its return while joining is permitted (decided now, joined on the air thread).
   */
  @Override
  public void silence(Eui64 address, boolean silent) {
    CoordinatedNode node = node(address);
    node.silent = silent;
    if (!silent && !node.joined && receive != null && joining.isOpen()) {
      air.execute(() -> join(node));
    }
  }

  /** The coordinator is unplugged (or plugged in again): the stack hears its transport go off. */
  public void coordinatorDown(boolean isDown) {
    this.down = isDown;
    ZigBeeTransportReceive to = receive;
    if (to != null) {
      air.execute(
          () ->
              to.setTransportState(
                  isDown ? ZigBeeTransportState.OFFLINE : ZigBeeTransportState.ONLINE));
    }
  }

  /** The nodes that have joined. */
  @Override
  public java.util.Set<Eui64> joined() {
    java.util.Set<Eui64> joined = new java.util.HashSet<>();
    byEui64.forEach(
        (eui64, node) -> {
          if (node.joined) {
            joined.add(eui64);
          }
        });
    return joined;
  }

  /** Time every frame takes over the air. */
  public void latency(long ms) {
    this.latencyMs = ms;
  }

  /** Frames the coordinator has sent over the air: all, and to groups. */
  public long framesSent() {
    return framesSent.get();
  }

  public long groupFramesSent() {
    return groupFramesSent.get();
  }

  /** ZCL frames sent (not counting the ZDO requests of the stack's background discovery). */
  public long zclFramesSent() {
    return zclFramesSent.get();
  }

  /** Whether the coordinator lets nodes join now. */
  @Override
  public boolean joinable() {
    return joining.isOpen();
  }

  @Override
  public java.util.List<Eui64> leaveRequests() {
    return java.util.List.copyOf(leaveRequests);
  }

  /** How many times a node has joined (and announced itself) since this coordinator started. */
  public long joins() {
    return joins.get();
  }

  /** The raw bytes a node holds for an attribute. */
  public byte[] value(Eui64 address, int endpoint, int cluster, int attribute) {
    Attribute a =
        node(address).attributes.get(new Key(endpoint, cluster, attribute, Optional.empty()));
    if (a == null) {
      throw new IllegalArgumentException(address + " has no such attribute");
    }
    return a.value.clone();
  }

  @Override
  public ZigBeeStatus initialize() {
    return down ? ZigBeeStatus.COMMUNICATION_ERROR : ZigBeeStatus.SUCCESS;
  }

  @Override
  public ZigBeeStatus startup(boolean reinitialize) {
    if (down) {
      return ZigBeeStatus.COMMUNICATION_ERROR;
    }
    receive.setTransportState(ZigBeeTransportState.INITIALISING);
    receive.setTransportState(ZigBeeTransportState.ONLINE);
    // A new network: the fleet's joined nodes join it, as if paired before, and announce; they do
    // so once the stack's discovery runs (it first asks the coordinator for its own address).
    joinFleetOnDiscovery = reinitialize;
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public void shutdown() {
    air.shutdownNow();
  }

  @Override
  public String getVersionString() {
    return "simulated coordinator";
  }

  @Override
  public IeeeAddress getIeeeAddress() {
    return COORDINATOR;
  }

  @Override
  public Integer getNwkAddress() {
    return 0;
  }

  @Override
  public void sendCommand(int msgTag, ZigBeeApsFrame frame) {
    framesSent.incrementAndGet();
    if (frame.getProfile() != 0) {
      zclFramesSent.incrementAndGet();
    }
    if (frame.getAddressMode() == ZigBeeNwkAddressMode.GROUP) {
      groupFramesSent.incrementAndGet();
    }
    // The node answers after some air time, and the dongle then reports the APS ack (RX_ACK).
    // It reports no TX_ACK: the stack handles each progress report on a thread of a pool, so a
    // TX_ACK handled after the RX_ACK would leave the transaction waiting for an ack already
    // seen; the stack completes a transaction on a response and an RX_ACK in either order.
    air.schedule(() -> deliver(msgTag, frame), AIR_TIME_MS + latencyMs, TimeUnit.MILLISECONDS);
  }

  private void deliver(int msgTag, ZigBeeApsFrame frame) {
    ZigBeeTransportReceive to = receive;
    if (down) {
      to.receiveCommandState(msgTag, ZigBeeTransportProgressState.TX_NAK);
      return;
    }
    try {
      if (frame.getProfile() == 0) {
        zdo(frame);
      } else if (frame.getAddressMode() == ZigBeeNwkAddressMode.GROUP) {
        byEui64.values().stream()
            .filter(n -> n.joined && n.groups.contains(frame.getGroupAddress()))
            .forEach(n -> application.receive(n, frame));
      } else {
        CoordinatedNode node = byNetworkAddress.get(frame.getDestinationAddress());
        if (node == null || !node.joined || node.silent) {
          return;
        }
        application.receive(node, frame);
      }
      to.receiveCommandState(msgTag, ZigBeeTransportProgressState.RX_ACK);
    } catch (RuntimeException e) {
      LOG.debug("simulated node dropped a frame it could not read: {}", e.toString());
    }
  }

  private void zdo(ZigBeeApsFrame frame) {
    ZdoCommandType type = ZdoCommandType.getValueById(frame.getCluster());
    if (type == null || type.getCommandClass() == null) {
      return;
    }
    ZdoCommand request;
    try {
      request = type.getCommandClass().getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      return;
    }
    request.deserialize(new ZclFieldDeserializer(new DefaultDeserializer(frame.getPayload())));
    if (request instanceof ManagementPermitJoiningRequest permit) {
      // The coordinator opens (or closes) joining through itself when told so, by the unicast to
      // its own address or by the broadcast (the stack sends both, the broadcast paced seconds
      // later); nodes waiting to join do so while it is open.
      joining.open(permit.getPermitDuration());
      if (joining.isOpen()) {
        byEui64.values().stream().filter(n -> !n.joined && !n.silent).forEach(this::join);
      }
      return;
    }
    int destination = frame.getDestinationAddress();
    if (destination == 0 && joinFleetOnDiscovery) {
      joinFleetOnDiscovery = false;
      byEui64.values().stream().filter(n -> n.joined).forEach(n -> air.execute(() -> join(n)));
    }
    if (destination == 0) {
      answer(
          frame,
          request,
          new ZdoAnswers.Described(
              COORDINATOR, 0, true, 0x0104, new java.util.TreeSet<>(java.util.Set.of(1))),
          endpoint -> new java.util.TreeSet<>(),
          0);
      return;
    }
    if (destination >= 0xFFF8) {
      // A broadcast (network address discovery): the node it names answers.
      if (request instanceof com.zsmartsystems.zigbee.zdo.command.NetworkAddressRequest byIeee) {
        byEui64.values().stream()
            .filter(n -> n.joined && !n.silent && n.ieee.equals(byIeee.getIeeeAddr()))
            .forEach(n -> answerFor(n, frame, request));
      }
      return;
    }
    CoordinatedNode node = byNetworkAddress.get(destination);
    boolean leave = request instanceof ManagementLeaveRequest;
    if (leave && node != null && node.joined) {
      leaveRequests.add(node.eui64);
    }
    if (node == null || !node.joined || node.silent) {
      return;
    }
    if (request instanceof BindRequest bind) {
      node.boundClusters.add(bind.getBindingTableEntry().getClusterId());
    }
    if (leave) {
      // Gone before it answers: the stack may hand the answer to its caller at once, and whoever
      // reads the network after that must no longer find the node in it.
      leave(node);
    }
    answerFor(node, frame, request);
  }

  /**
   * The node has confirmed its leave and goes: it forgets its bindings, groups and reporting (a
   * node that left without rejoin is factory new) and joins again only while joining is permitted.
   */
  private void leave(CoordinatedNode node) {
    node.joined = false;
    node.boundClusters.clear();
    node.groups.clear();
    node.attributes
        .values()
        .forEach(a -> a.reporting = org.nipcgateway.core.radio.ZigbeeReporting.OFF);
    LOG.debug("simulated node {} left the network", node.eui64);
  }

  private void answerFor(CoordinatedNode node, ZigBeeApsFrame frame, ZdoCommand request) {
    answer(
        frame,
        request,
        new ZdoAnswers.Described(node.ieee, node.nwk, false, node.profile, node.endpoints()),
        node::clusters,
        node.nwk);
  }

  private void answer(
      ZigBeeApsFrame frame,
      ZdoCommand request,
      ZdoAnswers.Described described,
      ZdoAnswers.Clusters clusters,
      int from) {
    ZdoAnswers.answer(request, described, clusters)
        .ifPresent(
            payload ->
                send(AirFrames.fromNode(from, 0, 0, frame.getCluster() | 0x8000, 0, payload)));
  }

  /** A waiting node joins: the trust centre hears of it, then the node announces itself. */
  private void join(CoordinatedNode node) {
    node.joined = true;
    joins.incrementAndGet();
    LOG.debug("simulated node {} joins", node.eui64);
    receive.nodeStatusUpdate(ZigBeeNodeStatus.UNSECURED_JOIN, node.nwk, node.ieee);
    DeviceAnnounce announce = new DeviceAnnounce(node.nwk, node.ieee, 0x8E);
    announce.setTransactionId(node.nextSequence());
    com.zsmartsystems.zigbee.zcl.ZclFieldSerializer out = AirFrames.serializer();
    announce.serialize(out);
    send(
        AirFrames.fromNode(
            node.nwk, 0, 0, ZdoCommandType.DEVICE_ANNOUNCE.getClusterId(), 0, out.getPayload()));
  }

  /** A frame from a node reaches the stack (after the air's latency). */
  void send(ZigBeeApsFrame frame) {
    ZigBeeTransportReceive to = receive;
    if (down || to == null) {
      return;
    }
    to.receiveCommand(frame);
  }

  private CoordinatedNode node(Eui64 address) {
    CoordinatedNode node = byEui64.get(address);
    if (node == null) {
      throw new IllegalArgumentException("no simulated node " + address);
    }
    return node;
  }

  @Override
  public void setZigBeeTransportReceive(ZigBeeTransportReceive receive) {
    this.receive = receive;
  }

  @Override
  public ZigBeeChannel getZigBeeChannel() {
    return channel;
  }

  @Override
  public ZigBeeStatus setZigBeeChannel(ZigBeeChannel channel) {
    this.channel = channel;
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public int getZigBeePanId() {
    return panId;
  }

  @Override
  public ZigBeeStatus setZigBeePanId(int panId) {
    this.panId = panId;
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public ExtendedPanId getZigBeeExtendedPanId() {
    return extendedPanId;
  }

  @Override
  public ZigBeeStatus setZigBeeExtendedPanId(ExtendedPanId panId) {
    this.extendedPanId = panId;
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public ZigBeeStatus setZigBeeNetworkKey(ZigBeeKey key) {
    this.networkKey = key;
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public ZigBeeKey getZigBeeNetworkKey() {
    return networkKey;
  }

  @Override
  public ZigBeeStatus setTcLinkKey(ZigBeeKey key) {
    this.linkKey = key;
    return ZigBeeStatus.SUCCESS;
  }

  @Override
  public ZigBeeKey getTcLinkKey() {
    return linkKey;
  }

  @Override
  public void updateTransportConfig(TransportConfig config) {}
}
