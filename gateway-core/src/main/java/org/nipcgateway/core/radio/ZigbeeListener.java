package org.nipcgateway.core.radio;

/**
 * What a Zigbee radio reports without being asked.
 *
 * <p>Threading: every method is called on a Vert.x event-loop thread, in the context the radio was
 * started on, never while the driver holds a lock of its own, and for one radio never concurrently.
 * Implementations must not block.
 */
public interface ZigbeeListener {

  /** A node reported an attribute's value (ZCL Report Attributes; raw bytes of its type). */
  default void attributeReport(Eui64 device, ZigbeeAttribute attribute, byte[] value) {}

  /** A node wrote an attribute to the gateway itself (ZCL Write Attributes sent to us). */
  default void attributeWritten(Eui64 device, ZigbeeAttribute attribute, byte[] value) {}

  /** A node joined, announced itself or left. */
  default void nodeChanged(ZigbeeNodeEvent event) {}

  /** The coordinator went down, is recovering, or is up again. */
  default void stateChanged(RadioState state) {}
}
