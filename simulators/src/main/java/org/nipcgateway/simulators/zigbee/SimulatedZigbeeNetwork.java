package org.nipcgateway.simulators.zigbee;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZclStatus;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeCommandResponse;
import org.nipcgateway.core.radio.ZigbeeEndpointMap;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.nipcgateway.core.radio.ZigbeeNodeEvent;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.radio.ZigbeeReporting;

/**
 * A Zigbee network in memory: nodes by EUI-64, each with ZCL attributes on endpoints and clusters
 * (manufacturer-specific ones reachable only with their manufacturer code), on one APS profile.
 * Values are raw little-endian ZCL bytes. Nodes answer as real ones do: UNSUPPORTED_CLUSTER,
 * UNSUPPORTED_ATTRIBUTE, READ_ONLY and INVALID_DATA_TYPE statuses; a frame for another profile gets
 * no answer. Cluster commands change state as {@link ClusterCommands} describes, attributes with
 * reporting configured are reported when they change, and nodes marked to join wait for the network
 * to be opened with permit join.
 */
public final class SimulatedZigbeeNetwork implements ZigbeeRadio, SimulatedZigbeeNodes {
  record Key(int endpoint, int cluster, int attribute, Optional<Integer> manufacturer) {}

  static final class Attribute {
    final int type;
    final boolean writable;
    volatile byte[] value;
    volatile ZigbeeReporting reporting = ZigbeeReporting.OFF;

    Attribute(int type, boolean writable, byte[] value) {
      this.type = type;
      this.writable = writable;
      this.value = value.clone();
    }
  }

  /** A node: its profile, its attributes, whether it has joined, and what it last received. */
  private static final class Node {
    final int profile;
    final int networkAddress;
    final Map<Key, Attribute> attributes = new ConcurrentHashMap<>();
    volatile boolean joined;
    volatile boolean silent;
    volatile Optional<ZigbeeAttribute> lastRequest = Optional.empty();

    Node(int profile, int networkAddress, boolean joined) {
      this.profile = profile;
      this.networkAddress = networkAddress;
      this.joined = joined;
    }
  }

  private static final int ANY_PROFILE = 0xFFFF;

  private final Context context;
  private final Map<Eui64, Node> nodes = new ConcurrentHashMap<>();
  private final List<ZigbeeListener> listeners = new CopyOnWriteArrayList<>();
  private final org.nipcgateway.simulators.Transmissions transmissions =
      new org.nipcgateway.simulators.Transmissions();
  private final JoinWindow joining = new JoinWindow();
  private final List<Eui64> leaveRequests = new CopyOnWriteArrayList<>();

  /** Created on the context its listeners are to be called on (the gateway's). */
  public SimulatedZigbeeNetwork(Vertx vertx) {
    this.context = vertx.getOrCreateContext();
  }

  /**
   * Adds a node on a profile; {@code joined} false keeps it out of the network until permit join
   * opens it.
   */
  @Override
  public void addNode(Eui64 address, int profile, boolean joined) {
    nodes.computeIfAbsent(address, a -> new Node(profile, 0x1000 + nodes.size(), joined));
  }

  /** Adds (or replaces) an attribute of a node (added before, or on Home Automation now). */
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
    addNode(address, ZigbeeAttribute.HOME_AUTOMATION, true);
    nodes
        .get(address)
        .attributes
        .put(
            key(endpoint, cluster, attribute, manufacturerCode),
            new Attribute(type, writable, value));
  }

  @Override
  public Future<DeviceAnswer<byte[]>> readAttribute(Eui64 address, ZigbeeAttribute id) {
    return operate(
        () -> {
          Node node = reachable(address, id.profile(), id.endpoint());
          node.lastRequest = Optional.of(id);
          return attribute(node, id)
              .map(a -> DeviceAnswer.of(a.value.clone()), DeviceAnswer::refused);
        });
  }

  @Override
  public Future<DeviceAnswer<Void>> writeAttribute(
      Eui64 address, ZigbeeAttribute id, byte[] value) {
    return operate(
        () -> {
          Node node = reachable(address, id.profile(), id.endpoint());
          node.lastRequest = Optional.of(id);
          return attribute(node, id)
              .map(
                  attribute -> {
                    if (!attribute.writable) {
                      return DeviceAnswer.<Void>refused(DeviceStatus.zcl(ZclStatus.READ_ONLY));
                    }
                    if (attribute.type != id.type()) {
                      return DeviceAnswer.<Void>refused(
                          DeviceStatus.zcl(ZclStatus.INVALID_DATA_TYPE));
                    }
                    change(address, keyOf(id), attribute, value);
                    return DeviceAnswer.<Void>done();
                  },
                  DeviceAnswer::refused);
        });
  }

  @Override
  public Future<DeviceAnswer<ZigbeeCommandResponse>> command(
      Eui64 address, ZigbeeCommand command, byte[] payload) {
    return operate(
        () -> {
          Node node = reachable(address, command.profile(), command.endpoint());
          if (!hasCluster(node, command.endpoint(), command.cluster())) {
            return DeviceAnswer.refused(DeviceStatus.zcl(ZclStatus.UNSUPPORTED_CLUSTER));
          }
          ClusterCommands.Outcome outcome =
              ClusterCommands.apply(command, payload, node.attributes);
          outcome
              .changes()
              .forEach(
                  change ->
                      change(
                          address,
                          change.key(),
                          node.attributes.get(change.key()),
                          change.value()));
          return outcome.answer();
        });
  }

  @Override
  public Future<DeviceAnswer<Void>> configureReporting(
      Eui64 address, ZigbeeAttribute id, ZigbeeReporting reporting) {
    return operate(
        () -> {
          Node node = reachable(address, id.profile(), id.endpoint());
          return attribute(node, id)
              .map(
                  attribute -> {
                    attribute.reporting = reporting;
                    return DeviceAnswer.<Void>done();
                  },
                  DeviceAnswer::refused);
        });
  }

  /**
   * Opens the network for that many seconds (0 closes it): nodes waiting to join (and in range)
   * join now and announce themselves, and so does one that comes back in range while it is open.
   */
  @Override
  public Future<Void> permitJoin(int seconds) {
    if (seconds < 0 || seconds > 254) {
      return Future.failedFuture(
          new RadioException(Reason.UNKNOWN_TARGET, "permit join takes 0 to 254 seconds"));
    }
    joining.open(seconds);
    if (joining.isOpen()) {
      nodes.forEach(this::joinIfWaiting);
    }
    return Future.succeededFuture();
  }

  /**
   * The node hears the leave request and, unless silent, leaves: it forgets its reporting, is
   * reported as gone, and joins again only while joining is permitted (as one waiting to join).
   */
  @Override
  public Future<Void> leave(Eui64 address) {
    return operate(
        () -> {
          Node node = node(address);
          leaveRequests.add(address);
          if (node.silent) {
            throw new RadioException(Reason.TIMEOUT, address + " did not answer (out of range)");
          }
          node.joined = false;
          node.attributes.values().forEach(a -> a.reporting = ZigbeeReporting.OFF);
          emit(
              l ->
                  l.nodeChanged(
                      new ZigbeeNodeEvent(
                          address, node.networkAddress, ZigbeeNodeEvent.Kind.LEFT)));
          return null;
        });
  }

  @Override
  public List<Eui64> leaveRequests() {
    return List.copyOf(leaveRequests);
  }

  /**
   * The node's endpoints, clusters and attributes as they are defined. Manufacturer-specific
   * attributes are left out, as a standard ZCL Discover Attributes leaves them out (their cluster
   * is still listed, as a node's simple descriptor lists it).
   */
  @Override
  public Future<List<ZigbeeEndpointMap>> discover(Eui64 address) {
    return operate(
        () -> {
          Node node = node(address);
          if (node.silent) {
            throw new RadioException(Reason.TIMEOUT, address + " did not answer (out of range)");
          }
          return endpointMap(node);
        });
  }

  private static List<ZigbeeEndpointMap> endpointMap(Node node) {
    java.util.SortedMap<Integer, java.util.SortedMap<Integer, List<ZigbeeEndpointMap.Attribute>>>
        endpoints = new java.util.TreeMap<>();
    node.attributes.entrySet().stream()
        .sorted(java.util.Comparator.comparingInt(e -> e.getKey().attribute()))
        .forEach(
            e -> {
              List<ZigbeeEndpointMap.Attribute> attributes =
                  endpoints
                      .computeIfAbsent(e.getKey().endpoint(), k -> new java.util.TreeMap<>())
                      .computeIfAbsent(e.getKey().cluster(), k -> new java.util.ArrayList<>());
              if (e.getKey().manufacturer().isEmpty()) {
                attributes.add(
                    new ZigbeeEndpointMap.Attribute(e.getKey().attribute(), e.getValue().type));
              }
            });
    List<ZigbeeEndpointMap> map = new java.util.ArrayList<>();
    endpoints.forEach(
        (endpoint, clusters) -> {
          List<ZigbeeEndpointMap.Cluster> found = new java.util.ArrayList<>();
          clusters.forEach(
              (cluster, attributes) ->
                  found.add(new ZigbeeEndpointMap.Cluster(cluster, attributes)));
          map.add(new ZigbeeEndpointMap(endpoint, found));
        });
    return map;
  }

  /** Records the broadcast: the simulated network has no air, tests read what it sent. */
  @Override
  public Future<Void> transmit(
      Eui64 device, org.nipcgateway.core.radio.ZigbeeTransmission transmission) {
    transmissions.add(
        new org.nipcgateway.simulators.Transmissions.Transmitted(
            device.toString(), transmission.payload(), false, transmission.schedule()));
    return Future.succeededFuture();
  }

  /** What the coordinator was asked to broadcast, oldest first. */
  public List<org.nipcgateway.simulators.Transmissions.Transmitted> transmissions() {
    return transmissions.list();
  }

  private synchronized void joinIfWaiting(Eui64 address, Node node) {
    if (node.joined || node.silent) {
      return;
    }
    node.joined = true;
    emit(
        l ->
            l.nodeChanged(
                new ZigbeeNodeEvent(address, node.networkAddress, ZigbeeNodeEvent.Kind.JOINED)));
    emit(
        l ->
            l.nodeChanged(
                new ZigbeeNodeEvent(address, node.networkAddress, ZigbeeNodeEvent.Kind.ANNOUNCED)));
  }

  @Override
  public boolean joinable() {
    return joining.isOpen();
  }

  @Override
  public void silence(Eui64 address, boolean silent) {
    Node node = nodes.get(address);
    if (node == null) {
      throw new RadioException(Reason.UNKNOWN_DEVICE, "no simulated node " + address);
    }
    node.silent = silent;
    if (!silent && joining.isOpen()) {
      joinIfWaiting(address, node);
    }
  }

  @Override
  public void listen(ZigbeeListener listener) {
    listeners.add(listener);
  }

  @Override
  public RadioState state() {
    return RadioState.UP;
  }

  /** Sets an attribute's value as the node itself would (a sensor reading), reporting when on. */
  @Override
  public void change(Eui64 address, int endpoint, int cluster, int attributeId, byte[] value) {
    Key key = key(endpoint, cluster, attributeId, OptionalInt.empty());
    Attribute attribute = node(address).attributes.get(key);
    if (attribute == null) {
      throw new RadioException(
          Reason.UNKNOWN_TARGET,
          String.format(
              "%s has no attribute 0x%04X in cluster 0x%04X on endpoint %d",
              address, attributeId, cluster, endpoint));
    }
    change(address, key, attribute, value);
  }

  /** The node writes one of its attributes to the gateway (what a {@code write_event} hears). */
  @Override
  public void writeToGateway(
      Eui64 address, int endpoint, int cluster, int attributeId, int type, byte[] value) {
    node(address);
    ZigbeeAttribute written =
        new ZigbeeAttribute(
            ZigbeeAttribute.HOME_AUTOMATION,
            endpoint,
            cluster,
            attributeId,
            type,
            OptionalInt.empty());
    byte[] sent = value.clone();
    emit(l -> l.attributeWritten(address, written, sent));
  }

  /** The reporting configured for an attribute (OFF when none), as the node holds it. */
  public ZigbeeReporting reporting(Eui64 address, int endpoint, int cluster, int attributeId) {
    Attribute attribute =
        node(address).attributes.get(key(endpoint, cluster, attributeId, OptionalInt.empty()));
    return attribute == null ? ZigbeeReporting.OFF : attribute.reporting;
  }

  /** Every attribute with reporting configured now: where it is and how it reports. */
  @Override
  public List<ConfiguredReporting> reportingConfigured() {
    List<ConfiguredReporting> configured = new java.util.ArrayList<>();
    nodes.forEach(
        (address, node) ->
            node.attributes.forEach(
                (key, attribute) -> {
                  if (!attribute.reporting.off()) {
                    configured.add(
                        new ConfiguredReporting(
                            address,
                            key.endpoint(),
                            key.cluster(),
                            key.attribute(),
                            attribute.reporting));
                  }
                }));
    return configured;
  }

  /** Every node forgets the reporting it was configured with (a node reset, or rejoined anew). */
  @Override
  public void forgetReporting() {
    nodes
        .values()
        .forEach(node -> node.attributes.values().forEach(a -> a.reporting = ZigbeeReporting.OFF));
  }

  /** An attribute's reporting configuration, as a node holds it. */
  public record ConfiguredReporting(
      Eui64 node, int endpoint, int cluster, int attribute, ZigbeeReporting reporting) {}

  /** The last attribute request the node received, with its profile and manufacturer code. */
  public Optional<ZigbeeAttribute> lastRequest(Eui64 address) {
    return node(address).lastRequest;
  }

  /** Sets the value; a node with reporting on reports changes only, as a reportable change. */
  private void change(Eui64 address, Key key, Attribute attribute, byte[] value) {
    boolean changed = !Arrays.equals(attribute.value, value);
    attribute.value = value.clone();
    if (!attribute.reporting.off() && changed) {
      ZigbeeAttribute reported =
          new ZigbeeAttribute(
              nodes.get(address).profile,
              key.endpoint(),
              key.cluster(),
              key.attribute(),
              attribute.type,
              key.manufacturer().map(OptionalInt::of).orElse(OptionalInt.empty()));
      byte[] sent = value.clone();
      emit(l -> l.attributeReport(address, reported, sent));
    }
  }

  private synchronized <T> Future<T> operate(Supplier<T> work) {
    try {
      return Future.succeededFuture(work.get());
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
  }

  private Node node(Eui64 address) {
    Node node = nodes.get(address);
    if (node == null || !node.joined) {
      throw new RadioException(
          Reason.UNKNOWN_DEVICE, "no node " + address + " has joined the network");
    }
    return node;
  }

  /**
   * The node, when a frame for that profile and endpoint reaches an application on it. A node drops
   * frames of another profile without answering; an endpoint it does not have is known from its
   * discovered descriptors.
   */
  private Node reachable(Eui64 address, int profile, int endpoint) {
    Node node = node(address);
    if (node.silent) {
      throw new RadioException(Reason.TIMEOUT, address + " did not answer (out of range)");
    }
    if (profile != node.profile && profile != ANY_PROFILE) {
      throw new RadioException(
          Reason.TIMEOUT,
          String.format(
              "%s did not answer: its endpoints are on profile 0x%04X, the frame was for 0x%04X",
              address, node.profile, profile));
    }
    if (node.attributes.keySet().stream().noneMatch(k -> k.endpoint() == endpoint)) {
      throw new RadioException(Reason.UNKNOWN_TARGET, address + " has no endpoint " + endpoint);
    }
    return node;
  }

  private static boolean hasCluster(Node node, int endpoint, int cluster) {
    return node.attributes.keySet().stream()
        .anyMatch(k -> k.endpoint() == endpoint && k.cluster() == cluster);
  }

  /** The attribute, or the status a node answers for it: no such cluster, no such attribute. */
  private static Either attribute(Node node, ZigbeeAttribute id) {
    Attribute attribute = node.attributes.get(keyOf(id));
    if (attribute != null) {
      return new Either(attribute, null);
    }
    return new Either(
        null,
        DeviceStatus.zcl(
            hasCluster(node, id.endpoint(), id.cluster())
                ? ZclStatus.UNSUPPORTED_ATTRIBUTE
                : ZclStatus.UNSUPPORTED_CLUSTER));
  }

  /** An attribute found, or the status answered instead. */
  private record Either(Attribute attribute, DeviceStatus status) {
    <T> T map(
        java.util.function.Function<Attribute, T> found,
        java.util.function.Function<DeviceStatus, T> refused) {
      return attribute != null ? found.apply(attribute) : refused.apply(status);
    }
  }

  private static Key keyOf(ZigbeeAttribute id) {
    return key(id.endpoint(), id.cluster(), id.attribute(), id.manufacturerCode());
  }

  private static Key key(int endpoint, int cluster, int attribute, OptionalInt manufacturer) {
    return new Key(
        endpoint,
        cluster,
        attribute,
        manufacturer.isPresent() ? Optional.of(manufacturer.getAsInt()) : Optional.empty());
  }

  /** Tells the listeners later, on the network's context. */
  private void emit(Consumer<ZigbeeListener> event) {
    context.runOnContext(v -> listeners.forEach(event));
  }

  /** The nodes that have joined. */
  @Override
  public Set<Eui64> joined() {
    return nodes.entrySet().stream()
        .filter(e -> e.getValue().joined)
        .map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toSet());
  }
}
