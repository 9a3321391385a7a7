package org.nipcgateway.simulators.bluez;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.GattCharacteristic;
import org.nipcgateway.simulators.bluez.PeripheralSpec.CharacteristicSpec;

/**
 * The look-alike's peripherals and adapter from a fleet file's {@code radios.ble} section, in the
 * in-process simulator's format (simulators/README.md): {@code devices} with {@code mac}, {@code
 * pairing}, {@code passkey}, {@code rssi}, {@code advertisingData} and {@code characteristics};
 * {@code slots} and {@code advertisingIntervalMs}. Other keys (the driver, fault injection) are the
 * gateway's and ignored here.
 */
public final class BluezFleet {
  private static final int DEFAULT_SLOTS = 5;
  private static final long DEFAULT_ADVERTISING_INTERVAL_MS = 1000;

  private BluezFleet() {}

  /** The peripherals of a {@code radios.ble} section. */
  public static List<PeripheralSpec> peripherals(JsonObject ble) {
    Settings settings = Settings.of("radios.ble", ble);
    List<PeripheralSpec> peripherals = new ArrayList<>();
    for (Settings device : settings.sections("devices")) {
      List<CharacteristicSpec> characteristics = new ArrayList<>();
      for (Settings c : device.sections("characteristics")) {
        characteristics.add(
            new CharacteristicSpec(
                new GattCharacteristic(
                    c.requiredString("service"), c.requiredString("characteristic")),
                bytes(c, "value"),
                new HashSet<>(c.strings("properties", List.of("read"))),
                c.strings("descriptors", List.of()),
                c.longValue("notifyIntervalMs", 0L, 0, Long.MAX_VALUE),
                c.flag("notifyCounter", false)));
      }
      peripherals.add(
          new PeripheralSpec(
              address(device),
              device.choice("pairing", BleBonding.NONE),
              device
                  .optionalInteger("passkey", 0, 999_999)
                  .map(OptionalInt::of)
                  .orElse(OptionalInt.empty()),
              device.integer("rssi", -60, -127, 20),
              bytes(device, "advertisingData"),
              characteristics));
    }
    return peripherals;
  }

  /** The adapter a {@code radios.ble} section describes ({@code hci0}, its slots, its interval). */
  public static BluezLookalike.Adapter adapter(JsonObject ble) {
    Settings settings = Settings.of("radios.ble", ble);
    return new BluezLookalike.Adapter(
        "hci0",
        "00:1A:7D:DA:71:13",
        settings.integer("slots", DEFAULT_SLOTS, 0, Integer.MAX_VALUE),
        settings.longValue(
            "advertisingIntervalMs", DEFAULT_ADVERTISING_INTERVAL_MS, 1, Long.MAX_VALUE));
  }

  private static BleAddress address(Settings device) {
    try {
      return BleAddress.parse(device.requiredString("mac"));
    } catch (IllegalArgumentException e) {
      throw device.invalid("mac", e.getMessage());
    }
  }

  private static byte[] bytes(Settings item, String key) {
    try {
      return Base64.getDecoder().decode(item.string(key, ""));
    } catch (IllegalArgumentException e) {
      throw item.invalid(key, "must be base64: " + e.getMessage());
    }
  }
}
