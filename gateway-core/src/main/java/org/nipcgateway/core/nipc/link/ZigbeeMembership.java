package org.nipcgateway.core.nipc.link;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.nipcgateway.core.device.DeviceRecord;
import org.nipcgateway.core.device.DeviceRecords;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.core.metrics.GatewayMetrics;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.radio.ZigbeeListener;
import org.nipcgateway.core.radio.ZigbeeNodeEvent;
import org.nipcgateway.core.radio.ZigbeeRadio;
import org.nipcgateway.core.storage.ResourceStore;
import org.nipcgateway.core.storage.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Zigbee network in step with the SCIM registry: a node that joins or announces itself
 * while no SCIM Device names its EUI-64 is logged and counted ({@code
 * nipc_zigbee_unknown_joins_total}; it stays out of reach until registered), and the node of a
 * Device deleted in SCIM is asked to leave the network once the delete has committed. A leave that
 * fails (the node does not answer) is logged only: the delete has happened and stays done.
 */
public final class ZigbeeMembership implements ZigbeeListener {
  private static final Logger LOG = LoggerFactory.getLogger(ZigbeeMembership.class);

  private final ResourceStore store;
  private final ZigbeeRadio radio;
  private final GatewayMetrics metrics;

  private ZigbeeMembership(ResourceStore store, ZigbeeRadio radio, GatewayMetrics metrics) {
    this.store = store;
    this.radio = radio;
    this.metrics = metrics;
  }

  /** Listens to the radio's node changes and to the store's deletions. */
  public static ZigbeeMembership watch(
      ResourceStore store, ZigbeeRadio radio, GatewayMetrics metrics) {
    ZigbeeMembership membership = new ZigbeeMembership(store, radio, metrics);
    radio.listen(membership);
    store.onRemoval(membership::removed);
    return membership;
  }

  @Override
  public void nodeChanged(ZigbeeNodeEvent event) {
    if (event.kind() == ZigbeeNodeEvent.Kind.LEFT) {
      return;
    }
    String kind = event.kind() == ZigbeeNodeEvent.Kind.JOINED ? "joined" : "announced";
    registered()
        .onSuccess(
            known -> {
              if (!known.contains(event.address())) {
                metrics.unknownZigbeeJoin(kind);
                LOG.info(
                    "Zigbee node {} {} but no SCIM device names it: not usable until registered",
                    event.address(),
                    kind);
              }
            });
  }

  /** After a commit that deleted resources: the deleted Devices' nodes leave the network. */
  private void removed(List<StoredResource> removed) {
    List<Eui64> nodes =
        removed.stream()
            .map(DeviceRecords::of)
            .flatMap(Optional::stream)
            .map(DeviceRecord::zigbee)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    if (nodes.isEmpty()) {
      return;
    }
    registered()
        .onSuccess(
            known ->
                nodes.stream()
                    // Another Device may name the same node: it stays while one does.
                    .filter(node -> !known.contains(node))
                    .forEach(this::leave));
  }

  private void leave(Eui64 node) {
    radio
        .leave(node)
        .onSuccess(v -> LOG.info("Zigbee node {} left the network: its device was deleted", node))
        .onFailure(
            e ->
                LOG.warn(
                    "Zigbee node {} of a deleted device did not leave the network: {}",
                    node,
                    e.getMessage()));
  }

  /** The EUI-64 addresses the SCIM Devices name now. */
  private Future<Set<Eui64>> registered() {
    return store
        .findAll(ScimNames.DEVICE)
        .map(
            devices ->
                devices.stream()
                    .map(DeviceRecords::of)
                    .flatMap(Optional::stream)
                    .map(DeviceRecord::zigbee)
                    .flatMap(Optional::stream)
                    .collect(Collectors.toSet()))
        .onFailure(e -> LOG.warn("Registered Zigbee devices not read: {}", e.getMessage()));
  }
}
