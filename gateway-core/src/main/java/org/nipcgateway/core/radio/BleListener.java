package org.nipcgateway.core.radio;

/**
 * What a BLE radio reports without being asked.
 *
 * <p>Threading: every method is called on a Vert.x event-loop thread, in the context the radio was
 * started on, never while the driver holds a lock of its own (a listener may call the radio back),
 * and for one radio never concurrently. Implementations must not block.
 */
public interface BleListener {

  /**
   * A characteristic with notifications on sent a value; {@code indication} when the peripheral
   * sent it as an indication (confirmed) and the stack can tell, else false.
   */
  default void notification(
      BleAddress device, GattCharacteristic characteristic, byte[] value, boolean indication) {}

  /** An advertisement was seen while scanning; repeated advertisements are each reported. */
  default void advertisement(BleAdvertisement advertisement) {}

  /**
   * A connection opened or closed, including a link the peripheral or the air dropped. A close can
   * be told after the gateway already opened a newer link to the same peripheral: the link's
   * generation says which one closed.
   */
  default void connectionChanged(BleLink link, boolean connected) {}

  /** The radio went down, is recovering, or is up again. */
  default void stateChanged(RadioState state) {}
}
