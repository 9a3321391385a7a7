package org.nipcgateway.simulators.zigbee;

import com.zsmartsystems.zigbee.IeeeAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Attribute;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Key;

/**
 * A node of the simulated coordinator's network: its addresses, profile, attributes (raw ZCL bytes,
 * as the in-process simulator holds them), the clusters bound to the coordinator, the groups it is
 * in, and whether it has joined or has gone silent (a fault).
 */
final class CoordinatedNode {
  final Eui64 eui64;
  final IeeeAddress ieee;
  final int nwk;
  final int profile;
  final Map<Key, Attribute> attributes = new ConcurrentHashMap<>();
  final Set<Integer> boundClusters = ConcurrentHashMap.newKeySet();
  final Set<Integer> groups = ConcurrentHashMap.newKeySet();
  volatile boolean joined;
  volatile boolean silent;
  private int sequence;

  CoordinatedNode(Eui64 eui64, int nwk, int profile, boolean joined) {
    this.eui64 = eui64;
    this.ieee = new IeeeAddress(eui64.toString().replace(":", ""));
    this.nwk = nwk;
    this.profile = profile;
    this.joined = joined;
  }

  /** The node's endpoints, from its attributes. */
  java.util.SortedSet<Integer> endpoints() {
    java.util.SortedSet<Integer> endpoints = new java.util.TreeSet<>();
    attributes.keySet().forEach(k -> endpoints.add(k.endpoint()));
    return endpoints;
  }

  /** The server clusters of an endpoint. */
  java.util.SortedSet<Integer> clusters(int endpoint) {
    java.util.SortedSet<Integer> clusters = new java.util.TreeSet<>();
    attributes.keySet().stream()
        .filter(k -> k.endpoint() == endpoint)
        .forEach(k -> clusters.add(k.cluster()));
    return clusters;
  }

  boolean hasCluster(int endpoint, int cluster) {
    return attributes.keySet().stream()
        .anyMatch(k -> k.endpoint() == endpoint && k.cluster() == cluster);
  }

  /** The ZCL transaction sequence number of the node's next unsolicited frame. */
  synchronized int nextSequence() {
    sequence = (sequence + 1) & 0xFF;
    return sequence;
  }
}
