package org.nipcgateway.simulators.zigbee;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeCommand;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.simulators.fault.FaultPlan;
import org.nipcgateway.simulators.fault.Latency;
import org.nipcgateway.simulators.fault.SimulatedOperations;

/**
 * A Zigbee network in memory: nodes by EUI-64, each with ZCL attributes on endpoints and clusters.
 * Values are raw little-endian ZCL bytes; a write whose data type differs from the attribute's is
 * refused, as a real node answers INVALID_DATA_TYPE. Cluster commands change state as {@link
 * ClusterCommands} describes, and attributes with reporting on are reported when they change.
 */
public final class SimulatedZigbeeNetwork implements ZigbeeRadio {
  record Key(int endpoint, int cluster, int attribute) {}

  static final class Attribute {
    final int type;
    final boolean writable;
    volatile byte[] value;
    volatile boolean reporting;

    Attribute(int type, boolean writable, byte[] value) {
      this.type = type;
      this.writable = writable;
      this.value = value.clone();
    }
  }

  private final Vertx vertx;
  private final SimulatedOperations operations;
  private final Map<String, Map<Key, Attribute>> nodes = new ConcurrentHashMap<>();
  private final List<ZigbeeListener> listeners = new CopyOnWriteArrayList<>();

  public SimulatedZigbeeNetwork(Vertx vertx, SimulatedOperations operations) {
    this.vertx = vertx;
    this.operations = operations;
  }

  /** Adds (or replaces) an attribute of the node with that EUI-64. */
  public void define(
      String eui64,
      int endpoint,
      int cluster,
      int attribute,
      int type,
      byte[] value,
      boolean writable) {
    nodes
        .computeIfAbsent(key(eui64), k -> new ConcurrentHashMap<>())
        .put(new Key(endpoint, cluster, attribute), new Attribute(type, writable, value));
  }

  @Override
  public Future<byte[]> readAttribute(String eui64, ZigbeeAttribute id) {
    return operate("read", eui64, () -> attribute(eui64, id).value.clone());
  }

  @Override
  public Future<Void> writeAttribute(String eui64, ZigbeeAttribute id, byte[] value) {
    return operate(
        "write",
        eui64,
        () -> {
          Attribute attribute = attribute(eui64, id);
          if (!attribute.writable) {
            throw new RadioException(Reason.NOT_PERMITTED, id + " of " + eui64 + " is read-only");
          }
          if (attribute.type != id.type()) {
            throw new RadioException(
                Reason.NOT_PERMITTED,
                String.format(
                    "%s of %s has data type 0x%02X, not 0x%02X",
                    id, eui64, attribute.type, id.type()));
          }
          change(eui64, new Key(id.endpoint(), id.cluster(), id.attribute()), attribute, value);
          return null;
        });
  }

  @Override
  public Future<Void> command(String eui64, ZigbeeCommand command, byte[] payload) {
    return operate(
        "command",
        eui64,
        () -> {
          Map<Key, Attribute> node = node(eui64);
          if (node.keySet().stream()
              .noneMatch(
                  k -> k.endpoint() == command.endpoint() && k.cluster() == command.cluster())) {
            throw new RadioException(Reason.UNKNOWN_TARGET, eui64 + " has no " + command);
          }
          ClusterCommands.apply(command, payload, node)
              .forEach(
                  change -> change(eui64, change.key(), node.get(change.key()), change.value()));
          return null;
        });
  }

  @Override
  public Future<Void> reporting(String eui64, ZigbeeAttribute id, boolean on) {
    return operate(
        "reporting",
        eui64,
        () -> {
          attribute(eui64, id).reporting = on;
          return null;
        });
  }

  /** Every simulated node has joined already; opening the network changes nothing. */
  @Override
  public Future<Void> permitJoin(int seconds) {
    if (seconds < 0 || seconds > 254) {
      return Future.failedFuture(
          new RadioException(Reason.NOT_PERMITTED, "permit join takes 0 to 254 seconds"));
    }
    return operations.latency().of("permitJoin");
  }

  @Override
  public void listen(ZigbeeListener listener) {
    listeners.add(listener);
  }

  /** Sets an attribute's value as the node itself would (a sensor reading), reporting when on. */
  public void change(String eui64, int endpoint, int cluster, int attributeId, byte[] value) {
    Key key = new Key(endpoint, cluster, attributeId);
    Attribute attribute = node(eui64).get(key);
    if (attribute == null) {
      throw new RadioException(
          Reason.UNKNOWN_TARGET,
          String.format(
              "%s has no attribute 0x%04X in cluster 0x%04X on endpoint %d",
              eui64, attributeId, cluster, endpoint));
    }
    change(eui64, key, attribute, value);
  }

  public Latency latency() {
    return operations.latency();
  }

  public FaultPlan faults() {
    return operations.faults();
  }

  /** Sets the value; a node with reporting on reports changes only, as a reportable change. */
  private void change(String eui64, Key key, Attribute attribute, byte[] value) {
    boolean changed = !java.util.Arrays.equals(attribute.value, value);
    attribute.value = value.clone();
    if (attribute.reporting && changed) {
      ZigbeeAttribute reported =
          new ZigbeeAttribute(
              key.endpoint(), key.cluster(), key.attribute(), attribute.type, OptionalInt.empty());
      byte[] sent = value.clone();
      String address = eui64.toUpperCase(Locale.ROOT);
      vertx.runOnContext(v -> listeners.forEach(l -> l.attributeReport(address, reported, sent)));
    }
  }

  private <T> Future<T> operate(String operation, String eui64, Supplier<T> work) {
    return operations.perform(operation, eui64, this, fault -> {}, work);
  }

  private Map<Key, Attribute> node(String eui64) {
    Map<Key, Attribute> node = nodes.get(key(eui64));
    if (node == null) {
      throw new RadioException(
          Reason.UNKNOWN_DEVICE, "no node " + eui64 + " has joined the network");
    }
    return node;
  }

  private Attribute attribute(String eui64, ZigbeeAttribute id) {
    Attribute attribute = node(eui64).get(new Key(id.endpoint(), id.cluster(), id.attribute()));
    if (attribute == null) {
      throw new RadioException(Reason.UNKNOWN_TARGET, eui64 + " has no " + id);
    }
    return attribute;
  }

  private static String key(String eui64) {
    return eui64.toUpperCase(Locale.ROOT);
  }
}
