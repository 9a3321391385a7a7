package org.nipcgateway.radio.ble;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.core.radio.RadioDriver;
import org.nipcgateway.core.radio.ResolvablePrivateAddress;
import org.nipcgateway.core.radio.contract.BlePeripheral;
import org.nipcgateway.core.radio.contract.BleRadioFixture;
import org.nipcgateway.simulators.bluez.BluezLookalike;
import org.nipcgateway.simulators.bluez.PeripheralSpec;
import org.nipcgateway.simulators.bluez.PrivateBus;

/**
 * The contract's peripherals behind a BlueZ look-alike on a private bus of their own, and the
 * {@code bluez} driver started on that bus as the gateway starts it.
 */
final class BluezBleFixture implements BleRadioFixture {
  private final JsonObject settings;
  private PrivateBus bus;
  private BluezLookalike lookalike;
  private RadioDriver driver;
  private BluezLookalike.Adapter adapter;
  private List<PeripheralSpec> specs;

  /** The driver with its default settings. */
  BluezBleFixture() {
    this(new JsonObject());
  }

  /** The driver with these {@code radios.ble} settings (the bus address is added). */
  BluezBleFixture(JsonObject settings) {
    this.settings = settings;
  }

  @Override
  public Future<BleRadio> start(Vertx vertx, List<BlePeripheral> peripherals, int slots) {
    return vertx
        .executeBlocking(
            () -> {
              bus = PrivateBus.start();
              adapter = new BluezLookalike.Adapter("hci0", "00:1A:7D:DA:71:13", slots, 100);
              specs = peripherals.stream().map(BluezBleFixture::spec).toList();
              lookalike = BluezLookalike.start(bus.address(), adapter, specs);
              return bus.address();
            })
        .compose(
            address ->
                new BluezDriverProvider()
                    .start(
                        vertx,
                        "ble",
                        Settings.of("radios.ble", settings.copy().put("busAddress", address))))
        .map(
            started -> {
              driver = started;
              return started.ble().orElseThrow();
            });
  }

  private static PeripheralSpec spec(BlePeripheral p) {
    // A contract peripheral at a resolvable private address is one that uses random addresses.
    BleAddress address =
        ResolvablePrivateAddress.isResolvable(p.address())
            ? p.address().withType(BleAddress.Type.RANDOM)
            : p.address();
    return new PeripheralSpec(
        address,
        p.pairing(),
        p.passkey(),
        p.rssi(),
        p.advertising(),
        p.characteristics().stream()
            .map(
                c ->
                    new PeripheralSpec.CharacteristicSpec(
                        c.id(), c.value(), c.properties(), List.of()))
            .toList());
  }

  /** The started driver, for what it shows in health reports. */
  RadioDriver driver() {
    return driver;
  }

  /**
   * The system bus restarts: every connection to it is lost, and bluetoothd (a new look-alike with
   * the same peripherals) comes back on the new bus. Blocking.
   */
  void restartBus() throws Exception {
    lookalike.close();
    String address = bus.restart();
    lookalike = BluezLookalike.start(address, adapter, specs);
  }

  BluezLookalike lookalike() {
    return lookalike;
  }

  @Override
  public void change(BleAddress peripheral, GattCharacteristic characteristic, byte[] value) {
    lookalike.change(peripheral, characteristic, value);
  }

  @Override
  public byte[] value(BleAddress peripheral, GattCharacteristic characteristic) {
    return lookalike.value(peripheral, characteristic);
  }

  @Override
  public List<byte[]> transmitted() {
    return lookalike.advertised().stream()
        .map(org.nipcgateway.simulators.bluez.LookalikeAdvertisement::payload)
        .toList();
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.stop();
    }
    if (lookalike != null) {
      lookalike.close();
    }
    if (bus != null) {
      bus.close();
    }
  }
}
