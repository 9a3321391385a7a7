package org.nipcgateway.core.radio;

import java.util.OptionalInt;

/** A ZCL cluster command as a Zigbee action map names it. */
public record ZigbeeCommand(int endpoint, int cluster, int command, OptionalInt manufacturerCode) {

  @Override
  public String toString() {
    return String.format("endpoint %d cluster 0x%04X command 0x%02X", endpoint, cluster, command);
  }
}
