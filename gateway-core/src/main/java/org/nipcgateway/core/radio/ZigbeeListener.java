package org.nipcgateway.core.radio;

/** What a Zigbee radio reports without being asked. Called on an event loop; must not block. */
public interface ZigbeeListener {

  /** A node reported an attribute's value (raw ZCL encoding of the attribute's type). */
  void attributeReport(String deviceEui64, ZigbeeAttribute attribute, byte[] value);
}
