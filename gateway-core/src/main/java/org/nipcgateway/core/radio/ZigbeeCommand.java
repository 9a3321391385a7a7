package org.nipcgateway.core.radio;

import java.util.OptionalInt;

/** A ZCL cluster command as a Zigbee action map names it, with its APS profile. */
public record ZigbeeCommand(
    int profile, int endpoint, int cluster, int command, OptionalInt manufacturerCode) {

  /** On the Home Automation profile, without a manufacturer code. */
  public static ZigbeeCommand of(int endpoint, int cluster, int command) {
    return new ZigbeeCommand(
        ZigbeeAttribute.HOME_AUTOMATION, endpoint, cluster, command, OptionalInt.empty());
  }

  @Override
  public String toString() {
    return String.format("endpoint %d cluster 0x%04X command 0x%02X", endpoint, cluster, command);
  }
}
