package org.nipcgateway.core.radio;

import java.util.OptionalInt;

/**
 * A ZCL attribute as a Zigbee protocol map names it. {@code type} is the ZCL data type id (e.g.
 * 0x10 boolean, 0x29 int16); values travel as the attribute's raw little-endian ZCL bytes. The
 * profile is the APS profile the frame is sent with (0x0104, Home Automation, when the map names
 * none); a manufacturer code makes the request manufacturer-specific.
 */
public record ZigbeeAttribute(
    int profile, int endpoint, int cluster, int attribute, int type, OptionalInt manufacturerCode) {

  /** The Home Automation profile, which Zigbee 3.0 devices answer on. */
  public static final int HOME_AUTOMATION = 0x0104;

  /** On the Home Automation profile, without a manufacturer code. */
  public static ZigbeeAttribute of(int endpoint, int cluster, int attribute, int type) {
    return new ZigbeeAttribute(
        HOME_AUTOMATION, endpoint, cluster, attribute, type, OptionalInt.empty());
  }

  /** Whether both name the same attribute of a node (profile and type aside). */
  public boolean sameAttribute(ZigbeeAttribute other) {
    return endpoint == other.endpoint
        && cluster == other.cluster
        && attribute == other.attribute
        && manufacturerCode.equals(other.manufacturerCode);
  }

  @Override
  public String toString() {
    return String.format(
        "endpoint %d cluster 0x%04X attribute 0x%04X", endpoint, cluster, attribute);
  }
}
