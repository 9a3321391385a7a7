package org.nipcgateway.radio.zigbee;

import com.zsmartsystems.zigbee.CommandResult;
import com.zsmartsystems.zigbee.ZigBeeCommand;
import com.zsmartsystems.zigbee.ZigBeeEndpoint;
import com.zsmartsystems.zigbee.ZigBeeEndpointAddress;
import com.zsmartsystems.zigbee.ZigBeeNode;
import com.zsmartsystems.zigbee.zcl.clusters.general.DiscoverAttributesCommand;
import com.zsmartsystems.zigbee.zcl.clusters.general.DiscoverAttributesResponse;
import com.zsmartsystems.zigbee.zcl.field.AttributeInformation;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.nipcgateway.core.radio.ZigbeeAttribute;
import org.nipcgateway.core.radio.ZigbeeEndpointMap;

/**
 * One node's service map. Its endpoints and their server (input) clusters are what the stack learnt
 * from the node's simple descriptors when it was discovered (kept in the node store: no air time
 * now). Each server cluster's attributes and their data types come from ZCL Discover Attributes,
 * asked of one cluster after another, {@value #PAGE} attributes a page, each page one request and
 * one answer bounded by the driver's answer time.
 *
 * <p>The stack's own {@code ZclCluster.discoverAttributes} is not used: it waits on a thread of its
 * own with no deadline, keeps only the attribute ids (the map needs the node's data types), and
 * loops for ever on a node that answers "not complete" with no attributes.
 *
 * <p>Standard attributes only (no manufacturer code is sent); output (client) clusters are left
 * out, as the NIPC map has no place for a cluster's direction. A cluster whose node refuses
 * Discover Attributes (a Default Response) is listed without attributes, and so is every cluster of
 * an endpoint on a profile other than Home Automation (the stack sends ZCL on that profile only, so
 * the node would not answer). An attribute whose data type the stack does not know is left out.
 */
final class NodeDiscovery {
  /** Attribute records asked for in one Discover Attributes request. */
  static final int PAGE = 16;

  /** Pages asked of one cluster at most: a node that never says "complete" cannot keep us. */
  static final int MAX_PAGES = 16;

  private final ZigBeeNode node;
  private final Function<ZigBeeCommand, Future<CommandResult>> exchange;

  /**
   * @param exchange sends a request and completes with the node's answer (never an empty one), or
   *     fails like any request of the driver (time-out, radio down); it must not block the caller
   */
  NodeDiscovery(ZigBeeNode node, Function<ZigBeeCommand, Future<CommandResult>> exchange) {
    this.node = node;
    this.exchange = exchange;
  }

  /** The map, endpoints, clusters and attributes in ascending id order. */
  Future<List<ZigbeeEndpointMap>> run() {
    List<ZigBeeEndpoint> endpoints = new ArrayList<>(node.getEndpoints());
    endpoints.sort(Comparator.comparingInt(ZigBeeEndpoint::getEndpointId));
    Future<List<ZigbeeEndpointMap>> map = Future.succeededFuture(new ArrayList<>());
    for (ZigBeeEndpoint endpoint : endpoints) {
      map =
          map.compose(
              found ->
                  endpoint(endpoint)
                      .map(
                          one -> {
                            found.add(one);
                            return found;
                          }));
    }
    return map.map(List::copyOf);
  }

  private Future<ZigbeeEndpointMap> endpoint(ZigBeeEndpoint endpoint) {
    int profile = endpoint.getProfileId();
    boolean answers = profile == 0 || profile == ZigbeeAttribute.HOME_AUTOMATION;
    Future<List<ZigbeeEndpointMap.Cluster>> clusters = Future.succeededFuture(new ArrayList<>());
    for (int cluster : new TreeSet<>(endpoint.getInputClusterIds())) {
      clusters =
          clusters.compose(
              found ->
                  (answers
                          ? attributes(endpoint.getEndpointId(), cluster, 0, new TreeMap<>(), 0)
                          : Future.succeededFuture(List.<ZigbeeEndpointMap.Attribute>of()))
                      .map(
                          attributes -> {
                            found.add(new ZigbeeEndpointMap.Cluster(cluster, attributes));
                            return found;
                          }));
    }
    return clusters.map(found -> new ZigbeeEndpointMap(endpoint.getEndpointId(), found));
  }

  /** Asks for the page of attributes from {@code start} on, then for the next, until complete. */
  private Future<List<ZigbeeEndpointMap.Attribute>> attributes(
      int endpoint, int cluster, int start, TreeMap<Integer, Integer> found, int pages) {
    DiscoverAttributesCommand request = new DiscoverAttributesCommand(start, PAGE);
    request.setClusterId(cluster);
    request.setDestinationAddress(new ZigBeeEndpointAddress(node.getNetworkAddress(), endpoint));
    return exchange
        .apply(request)
        .compose(
            result -> {
              if (!(result.getResponse() instanceof DiscoverAttributesResponse response)) {
                // A Default Response: the node does not discover this cluster's attributes.
                return Future.succeededFuture(list(found));
              }
              List<AttributeInformation> page =
                  response.getAttributeInformation() == null
                      ? List.of()
                      : response.getAttributeInformation();
              int next = start;
              for (AttributeInformation attribute : page) {
                if (attribute.getDataType() != null) {
                  found.put(attribute.getIdentifier(), attribute.getDataType().getId());
                }
                next = Math.max(next, attribute.getIdentifier() + 1);
              }
              boolean complete =
                  Boolean.TRUE.equals(response.getDiscoveryComplete())
                      || next == start
                      || next > 0xFFFF
                      || pages + 1 >= MAX_PAGES;
              return complete
                  ? Future.succeededFuture(list(found))
                  : attributes(endpoint, cluster, next, found, pages + 1);
            });
  }

  private static List<ZigbeeEndpointMap.Attribute> list(TreeMap<Integer, Integer> found) {
    List<ZigbeeEndpointMap.Attribute> attributes = new ArrayList<>();
    found.forEach((id, type) -> attributes.add(new ZigbeeEndpointMap.Attribute(id, type)));
    return attributes;
  }
}
