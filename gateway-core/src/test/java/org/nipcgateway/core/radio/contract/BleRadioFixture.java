package org.nipcgateway.core.radio.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;

/**
 * The world a BLE driver runs against, one implementation per driver: the in-process simulator,
 * BlueZ on a private bus. It sets up peripherals, starts the driver's radio over them, and makes a
 * peripheral act on its own.
 */
public interface BleRadioFixture extends AutoCloseable {

  /**
   * Starts the driver with these peripherals in range and an adapter of {@code slots} connection
   * slots. Called on the gateway's event loop, like a driver provider's start.
   */
  Future<BleRadio> start(Vertx vertx, List<BlePeripheral> peripherals, int slots);

  /** The peripheral changes a characteristic's value itself (and notifies when on). */
  void change(BleAddress peripheral, GattCharacteristic characteristic, byte[] value);

  /** The value the peripheral holds now. */
  byte[] value(BleAddress peripheral, GattCharacteristic characteristic);

  /**
   * The advertising payloads the adapter has been given to send on the gateway's behalf (NIPC
   * Transmit), oldest first, as AD structures; a stack may add structures of its own (Flags).
   */
  List<byte[]> transmitted();

  @Override
  void close();
}
