package org.nipcgateway.radio.ble;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.radio.BleRadio;
import org.nipcgateway.core.radio.RadioDriver;
import org.nipcgateway.core.radio.RadioDriverProvider;
import org.nipcgateway.core.radio.RadioException;

/**
 * The {@code bluez} driver: BLE through BlueZ on the D-Bus system bus (or the bus named by {@code
 * busAddress}, else by {@code DBUS_SYSTEM_BUS_ADDRESS}). Settings: {@code adapter}, {@code
 * busAddress}, {@code connectTimeoutMs}, {@code operationTimeoutMs}, {@code threads}, {@code
 * maxConnections}, {@code connectQueue} (radio-ble/README.md). A bus it cannot reach or an adapter
 * it cannot find stops the start.
 */
public final class BluezDriverProvider implements RadioDriverProvider {
  static final String SYSTEM_BUS_VARIABLE = "DBUS_SYSTEM_BUS_ADDRESS";

  @Override
  public String name() {
    return "bluez";
  }

  @Override
  public Future<RadioDriver> start(Vertx vertx, String family, Settings settings) {
    if (!family.equals("ble")) {
      return Future.failedFuture(
          new ConfigException("the bluez driver has no " + family + " radio"));
    }
    BluezSettings read;
    try {
      read = BluezSettings.read(settings);
      settings.rejectUnknownKeys();
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    BluezSettings effective =
        read.busAddress().isPresent()
            ? read
            : read.onBus(
                Optional.ofNullable(System.getenv(SYSTEM_BUS_VARIABLE)).filter(a -> !a.isBlank()));
    BluezBleRadio radio = new BluezBleRadio(vertx, effective);
    return vertx
        .<RadioDriver>executeBlocking(
            () -> {
              radio.open();
              return driver(radio);
            })
        .recover(
            failure -> {
              radio.stop();
              String why =
                  failure instanceof RadioException e
                      ? e.getMessage()
                      : "cannot reach BlueZ on "
                          + effective.busAddress().orElse("the system bus")
                          + " ("
                          + failure.getClass().getSimpleName()
                          + ")";
              return Future.failedFuture(new ConfigException("bluez: " + why, failure));
            });
  }

  private static RadioDriver driver(BluezBleRadio radio) {
    return new RadioDriver() {
      @Override
      public Optional<BleRadio> ble() {
        return Optional.of(radio);
      }

      @Override
      public java.util.Map<String, Object> details() {
        return radio.details();
      }

      @Override
      public Future<Void> stop() {
        radio.stop();
        return Future.succeededFuture();
      }
    };
  }
}
