package org.nipcgateway.core.radio;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * What the gateway asks of a Bluetooth Low Energy radio (a BlueZ adapter, a simulator). GATT
 * operations need a connection; the gateway opens and closes connections (and retries failed
 * attempts) itself, so a driver makes one attempt per call.
 *
 * <p>Threading: every method is called on a Vert.x event loop and must return at once without
 * blocking; a driver whose stack blocks runs it on workers of its own. Futures complete on the
 * caller's context.
 *
 * <p>Failures: what the peripheral answered (an ATT error) is a value, a refused {@link
 * DeviceAnswer}; what failed in the gateway, the radio or the link is a failed future with a {@link
 * RadioException} (time-outs, lost links, no such device or characteristic, a radio that is down).
 * What happens on the air unasked reaches the {@link BleListener}s.
 */
public interface BleRadio {

  /**
   * Connects to the peripheral (one attempt) and resolves its services. When the peripheral asks to
   * pair, the driver pairs with a method {@code request.permitted()} contains, using its
   * credentials, and fails with {@link RadioException.Reason#BONDING_FAILED} otherwise or when
   * pairing is rejected. Succeeds at once when already connected, with the link already open.
   *
   * @return the link, numbered as the {@link BleListener#connectionChanged} events number it
   */
  Future<BleLink> connect(BleConnectRequest request);

  /** Closes the connection; succeeds when there is none. */
  Future<Void> disconnect(BleAddress device);

  /** The GATT services named (all when {@code serviceIds} is empty) of a connected peripheral. */
  Future<List<GattService>> discover(BleAddress device, Set<String> serviceIds);

  /** Reads a characteristic's value over an open connection. */
  Future<DeviceAnswer<byte[]>> read(BleAddress device, GattCharacteristic characteristic);

  /** Writes a characteristic's value over an open connection, as a request or a command. */
  Future<DeviceAnswer<Void>> write(
      BleAddress device, GattCharacteristic characteristic, byte[] value, BleWriteType type);

  /**
   * Turns notifications (or indications, whichever the characteristic offers) on or off over an
   * open connection (its CCCD).
   */
  Future<DeviceAnswer<Void>> notifications(
      BleAddress device, GattCharacteristic characteristic, boolean on);

  /** Starts or stops scanning; advertisements seen while scanning reach the listeners. */
  Future<Void> scanning(boolean on);

  /**
   * Advertises a payload for a device that listens for it (the NIPC Transmit extension), on the
   * schedule given; succeeds once the radio has taken it on. Drivers whose stack cannot advertise
   * keep this default, which fails with {@link RadioException.Reason#UNSUPPORTED}.
   */
  default Future<Void> transmit(BleAddress device, BleTransmission transmission) {
    return Future.failedFuture(
        new RadioException(
            RadioException.Reason.UNSUPPORTED, "this BLE driver cannot transmit advertisements"));
  }

  /** Adds a listener; may be called before or after the radio is up. */
  void listen(BleListener listener);

  /** Whether the radio can be used now. */
  RadioState state();
}
