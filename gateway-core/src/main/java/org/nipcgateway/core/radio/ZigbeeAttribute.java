package org.nipcgateway.core.radio;

import java.util.OptionalInt;

/**
 * A ZCL attribute as a Zigbee protocol map names it. {@code type} is the ZCL data type id (e.g.
 * 0x10 boolean, 0x29 int16); values travel as the attribute's raw little-endian ZCL bytes.
 */
public record ZigbeeAttribute(
    int endpoint, int cluster, int attribute, int type, OptionalInt manufacturerCode) {

  @Override
  public String toString() {
    return String.format(
        "endpoint %d cluster 0x%04X attribute 0x%04X", endpoint, cluster, attribute);
  }
}
