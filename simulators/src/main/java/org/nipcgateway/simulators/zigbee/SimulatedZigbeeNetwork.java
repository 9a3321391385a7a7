package org.nipcgateway.simulators.zigbee;

import io.vertx.core.Future;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeRadio;

/**
 * A Zigbee network in memory: nodes by EUI-64, each with ZCL attributes on endpoints and clusters.
 * Values are raw little-endian ZCL bytes; a write whose data type differs from the attribute's is
 * refused, as a real node answers INVALID_DATA_TYPE.
 */
public final class SimulatedZigbeeNetwork implements ZigbeeRadio {
  private record Key(int endpoint, int cluster, int attribute) {}

  private static final class Attribute {
    final int type;
    final boolean writable;
    volatile byte[] value;

    Attribute(int type, boolean writable, byte[] value) {
      this.type = type;
      this.writable = writable;
      this.value = value.clone();
    }
  }

  private final Map<String, Map<Key, Attribute>> nodes = new ConcurrentHashMap<>();

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
    try {
      return Future.succeededFuture(attribute(eui64, id).value.clone());
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> writeAttribute(String eui64, ZigbeeAttribute id, byte[] value) {
    try {
      Attribute attribute = attribute(eui64, id);
      if (!attribute.writable) {
        throw new RadioException(Reason.NOT_PERMITTED, id + " of " + eui64 + " is read-only");
      }
      if (attribute.type != id.type()) {
        throw new RadioException(
            Reason.NOT_PERMITTED,
            String.format(
                "%s of %s has data type 0x%02X, not 0x%02X", id, eui64, attribute.type, id.type()));
      }
      attribute.value = value.clone();
      return Future.succeededFuture();
    } catch (RadioException e) {
      return Future.failedFuture(e);
    }
  }

  private Attribute attribute(String eui64, ZigbeeAttribute id) {
    Map<Key, Attribute> node = nodes.get(key(eui64));
    if (node == null) {
      throw new RadioException(
          Reason.UNKNOWN_DEVICE, "no node " + eui64 + " has joined the network");
    }
    Attribute attribute = node.get(new Key(id.endpoint(), id.cluster(), id.attribute()));
    if (attribute == null) {
      throw new RadioException(Reason.UNKNOWN_TARGET, eui64 + " has no " + id);
    }
    return attribute;
  }

  private static String key(String eui64) {
    return eui64.toUpperCase(Locale.ROOT);
  }
}
