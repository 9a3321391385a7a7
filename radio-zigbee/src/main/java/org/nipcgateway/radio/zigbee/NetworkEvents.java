package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.IeeeAddress;
import com.zsmartsystems.zigbee.ZigBeeCommand;
import com.zsmartsystems.zigbee.ZigBeeCommandListener;
import com.zsmartsystems.zigbee.ZigBeeEndpointAddress;
import com.zsmartsystems.zigbee.ZigBeeNetworkNodeListener;
import com.zsmartsystems.zigbee.ZigBeeNetworkState;
import com.zsmartsystems.zigbee.ZigBeeNetworkStateListener;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.zcl.ZclCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.ReportAttributesCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.WriteAttributesCommand;
import com.zsmartsystems.zigbee.zcl.field.AttributeReport;
import com.zsmartsystems.zigbee.zcl.field.WriteAttributeRecord;
import com.zsmartsystems.zigbee.zcl.protocol.ZclCommandDirection;
import com.zsmartsystems.zigbee.zdo.command.DeviceAnnounce;
import io.vertx.core.Context;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.RadioState;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.nipcgateway.core.radio.ZigbeeNodeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the stack hears into the radio SPI's events, delivered on the gateway's context: the
 * network going on and off line, nodes joining (once discovered, so that they can be used at once),
 * announcing themselves and leaving, attribute reports and writes nodes make to the coordinator,
 * with their values exactly as sent (from the {@link RawZclTap}).
 */
final class NetworkEvents
    implements ZigBeeNetworkStateListener, ZigBeeNetworkNodeListener, ZigBeeCommandListener {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkEvents.class);

  private final Context context;
  private final RawZclTap tap;
  private final List<ZigbeeListener> listeners = new CopyOnWriteArrayList<>();

  /** Nodes the gateway may use: discovered with their endpoints (or restored from the store). */
  private final Set<IeeeAddress> usable = ConcurrentHashMap.newKeySet();

  private final Map<IeeeAddress, Boolean> restored = new ConcurrentHashMap<>();
  private volatile RadioState state = RadioState.DOWN;
  private volatile IeeeAddress coordinator;

  NetworkEvents(Context context, RawZclTap tap) {
    this.context = context;
    this.tap = tap;
  }

  /** Nodes the store held at start: they were joined before, so they are not reported again. */
  void restoredFromStore(Set<IeeeAddress> nodes) {
    nodes.forEach(n -> restored.put(n, true));
  }

  void coordinator(IeeeAddress address) {
    this.coordinator = address;
  }

  void listen(ZigbeeListener listener) {
    listeners.add(listener);
  }

  RadioState state() {
    return state;
  }

  boolean joined(ZigBeeNode node) {
    return usable.contains(node.getIeeeAddress()) || discovered(node);
  }

  @Override
  public void networkStateUpdated(ZigBeeNetworkState networkState) {
    RadioState next =
        switch (networkState) {
          case ONLINE -> RadioState.UP;
          case OFFLINE, SHUTDOWN -> RadioState.DOWN;
          // The stack passes through INITIALISING (and UNINITIALISED) while starting; the radio
          // stays as it is until the network is on or off line.
          default -> state;
        };
    if (next != state) {
      state = next;
      LOG.info("Zigbee coordinator is {}", next);
      emit(l -> l.stateChanged(next));
    }
  }

  @Override
  public void nodeAdded(ZigBeeNode node) {
    nodeUpdated(node);
  }

  @Override
  public void nodeUpdated(ZigBeeNode node) {
    IeeeAddress address = node.getIeeeAddress();
    if (address.equals(coordinator) || !discovered(node) || !usable.add(address)) {
      return;
    }
    if (restored.remove(address) != null) {
      return;
    }
    Eui64 eui64 = eui64(address);
    int nwk = node.getNetworkAddress();
    LOG.info("Zigbee node {} joined the network (NWK 0x{})", eui64, String.format("%04X", nwk));
    emit(l -> l.nodeChanged(new ZigbeeNodeEvent(eui64, nwk, ZigbeeNodeEvent.Kind.JOINED)));
    emit(l -> l.nodeChanged(new ZigbeeNodeEvent(eui64, nwk, ZigbeeNodeEvent.Kind.ANNOUNCED)));
  }

  @Override
  public void nodeRemoved(ZigBeeNode node) {
    if (usable.remove(node.getIeeeAddress())) {
      Eui64 eui64 = eui64(node.getIeeeAddress());
      int nwk = node.getNetworkAddress() == null ? 0xFFFE : node.getNetworkAddress();
      LOG.info("Zigbee node {} left the network", eui64);
      emit(l -> l.nodeChanged(new ZigbeeNodeEvent(eui64, nwk, ZigbeeNodeEvent.Kind.LEFT)));
    }
  }

  @Override
  public void commandReceived(ZigBeeCommand command) {
    if (command instanceof DeviceAnnounce announce) {
      IeeeAddress address = announce.getIeeeAddr();
      if (usable.contains(address)) {
        Eui64 eui64 = eui64(address);
        int nwk = announce.getNwkAddrOfInterest();
        emit(l -> l.nodeChanged(new ZigbeeNodeEvent(eui64, nwk, ZigbeeNodeEvent.Kind.ANNOUNCED)));
      }
      return;
    }
    if (command instanceof ReportAttributesCommand report) {
      values(report).ifPresent(raw -> reported(report, raw));
    } else if (command instanceof WriteAttributesCommand write
        && write.getCommandDirection() == ZclCommandDirection.CLIENT_TO_SERVER) {
      values(write).ifPresent(raw -> written(write, raw));
    }
  }

  private void reported(ReportAttributesCommand report, RawZclTap.Frame raw) {
    Eui64 node = sender(report);
    for (AttributeReport r : report.getReports()) {
      byte[] value = raw.values().get(r.getAttributeIdentifier());
      if (value != null) {
        ZigbeeAttribute attribute =
            attribute(report, r.getAttributeIdentifier(), r.getAttributeDataType().getId());
        emit(l -> l.attributeReport(node, attribute, value.clone()));
      }
    }
  }

  private void written(WriteAttributesCommand write, RawZclTap.Frame raw) {
    Eui64 node = sender(write);
    for (WriteAttributeRecord r : write.getRecords()) {
      byte[] value = raw.values().get(r.getAttributeIdentifier());
      if (value != null) {
        ZigbeeAttribute attribute =
            attribute(write, r.getAttributeIdentifier(), r.getAttributeDataType().getId());
        emit(l -> l.attributeWritten(node, attribute, value.clone()));
      }
    }
  }

  private java.util.Optional<RawZclTap.Frame> values(ZclCommand command) {
    ZigBeeEndpointAddress source = (ZigBeeEndpointAddress) command.getSourceAddress();
    return tap.take(
        new RawZclTap.Key(
            source.getAddress(),
            source.getEndpoint(),
            command.getClusterId(),
            command.getTransactionId(),
            command.getCommandId()));
  }

  private Eui64 sender(ZclCommand command) {
    return nodeAt(command.getSourceAddress().getAddress());
  }

  private Eui64 nodeAt(int networkAddress) {
    IeeeAddress address = directory.apply(networkAddress);
    return address == null ? Eui64.of(-1L) : eui64(address);
  }

  private static ZigbeeAttribute attribute(ZclCommand command, int attribute, int type) {
    ZigBeeEndpointAddress source = (ZigBeeEndpointAddress) command.getSourceAddress();
    return new ZigbeeAttribute(
        ZigbeeAttribute.HOME_AUTOMATION,
        source.getEndpoint(),
        command.getClusterId(),
        attribute,
        type,
        OptionalInt.empty());
  }

  /** Finds a node by network address (the network manager, once started). */
  private volatile java.util.function.IntFunction<IeeeAddress> directory = nwk -> null;

  void directory(java.util.function.IntFunction<IeeeAddress> directory) {
    this.directory = directory;
  }

  private static boolean discovered(ZigBeeNode node) {
    return node.getNetworkAddress() != null && !node.getEndpoints().isEmpty();
  }

  static Eui64 eui64(IeeeAddress address) {
    return Eui64.parse(address.toString());
  }

  private void emit(Consumer<ZigbeeListener> event) {
    context.runOnContext(v -> listeners.forEach(event));
  }
}
