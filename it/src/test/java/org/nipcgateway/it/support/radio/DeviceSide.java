package org.nipcgateway.it.support.radio;

import java.util.List;

/**
 * The far end of the radio link: what a world's devices do on their own, and what the row can
 * observe of its radios that the NIPC API does not show. Values are base64.
 */
public interface DeviceSide {

  /** The peripheral changes a characteristic's value, and notifies it when notifications are on. */
  void bleValueChanges(String mac, String service, String characteristic, String value);

  /** The peripheral drops its link on its own (out of range, reset); the radio stays up. */
  void blePeripheralDropsLink(String mac);

  /** The node changes an attribute (a sensor reading), and reports it when reporting is on. */
  void zigbeeValueChanges(String eui64, int endpoint, int cluster, int attribute, String value);

  /** The node writes an attribute to the gateway (ZCL Write Attributes to the coordinator). */
  void zigbeeNodeWrites(
      String eui64, int endpoint, int cluster, int attribute, int type, String value);

  /**
   * Every node forgets the reporting it was configured with, as nodes reset during an outage of the
   * coordinator do; only Configure Reporting sent again turns their reports back on.
   */
  void zigbeeNodesForgetReporting();

  /** How many connections the BLE adapter holds now. */
  int bleSlotsInUse();

  /** The attribute reporting the nodes were configured with (ZCL Configure Reporting). */
  List<ConfiguredReporting> zigbeeReporting();

  /**
   * Every value the gateway wrote to a characteristic, base64, oldest first; empty when the row
   * cannot observe writes (its BLE radio is not the simulator).
   */
  default java.util.Optional<List<String>> bleWrites(
      String mac, String service, String characteristic) {
    return java.util.Optional.empty();
  }

  /**
   * What the radio of a family ({@code ble}, {@code zigbee}) was asked to transmit, as the
   * simulator lists it ({@code device}, {@code payload}, {@code connectable}, {@code cycle}, {@code
   * transmitTime}, {@code transmitInterval}); empty when the row cannot observe it.
   */
  default java.util.Optional<List<com.fasterxml.jackson.databind.JsonNode>> transmissions(
      String family) {
    return java.util.Optional.empty();
  }

  /** One node attribute's reporting, with its intervals in seconds. */
  record ConfiguredReporting(
      String eui64, int endpoint, int cluster, int attribute, int minInterval, int maxInterval) {}
}
