package org.nipcgateway.simulators.zigbee;

import java.util.List;
import org.nipcgateway.core.radio.Eui64;

/**
 * The simulated Zigbee nodes as the test bench moves and watches them, whichever simulation runs
 * them: the in-process network or the simulated coordinator under the zsmartsystems driver.
 */
public interface SimulatedZigbeeNodes {

  /** Adds a node on a profile; {@code joined} false keeps it waiting for permit join. */
  void addNode(Eui64 address, int profile, boolean joined);

  /** Adds (or replaces) an attribute of a node. */
  void define(
      Eui64 address,
      int endpoint,
      int cluster,
      int attribute,
      java.util.OptionalInt manufacturerCode,
      int type,
      byte[] value,
      boolean writable);

  /** The node changes an attribute itself, reporting it when reporting is on. */
  void change(Eui64 node, int endpoint, int cluster, int attribute, byte[] value);

  /** The node writes an attribute to the gateway. */
  void writeToGateway(Eui64 node, int endpoint, int cluster, int attribute, int type, byte[] value);

  /** Every node forgets its reporting, as nodes reset while the coordinator was away. */
  void forgetReporting();

  /** Every attribute with reporting configured, as the nodes hold it. */
  List<SimulatedZigbeeNetwork.ConfiguredReporting> reportingConfigured();

  /**
   * A node goes out of range or is powered off ({@code silent}), or comes back: a silent node
   * answers nothing and cannot join; one waiting to join joins on its return if joining is
   * permitted at that moment.
   */
  void silence(Eui64 node, boolean silent);

  /** The nodes that have joined the network. */
  java.util.Set<Eui64> joined();

  /** Whether joining is permitted now. */
  boolean joinable();

  /** The nodes the gateway asked to leave the network (ZDO Mgmt_Leave), oldest first. */
  List<Eui64> leaveRequests();
}
