package org.nipcgateway.core.radio;

import java.util.List;

/**
 * What node discovery found on one endpoint of a Zigbee node: its server clusters and the
 * attributes each holds, with their ZCL data types (the NIPC Zigbee service map).
 */
public record ZigbeeEndpointMap(int endpointId, List<Cluster> clusters) {
  public ZigbeeEndpointMap {
    clusters = List.copyOf(clusters);
  }

  /** A cluster of the endpoint and its attributes. */
  public record Cluster(int clusterId, List<Attribute> attributes) {
    public Cluster {
      attributes = List.copyOf(attributes);
    }
  }

  /** An attribute id and its ZCL data type (e.g. 0x10 boolean). */
  public record Attribute(int attributeId, int attributeType) {}
}
