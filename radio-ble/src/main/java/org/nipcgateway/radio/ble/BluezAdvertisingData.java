package org.nipcgateway.radio.ble;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.nipcgateway.core.radio.BleTransmission;
import org.nipcgateway.core.radio.RadioException;
import org.nipcgateway.core.radio.RadioException.Reason;
import org.nipcgateway.core.radio.TransmitSchedule;

/**
 * A transmission's AD structures as the {@code org.bluez.LEAdvertisement1} properties bluetoothd
 * builds its advertising data from. BlueZ takes no raw payload: it writes Flags itself, takes
 * service UUIDs, solicited UUIDs, service data (by 128-bit UUID), manufacturer data (by company),
 * the local name and the appearance as fields of their own, and other types only through {@code
 * Data}. AD types it reserves for itself (addresses, OOB values, the advertising interval, …)
 * cannot be sent through it: those transmissions fail as {@link Reason#UNSUPPORTED}.
 */
final class BluezAdvertisingData {
  private static final String BASE = "-0000-1000-8000-00805f9b34fb";

  private BluezAdvertisingData() {}

  /** The properties for a transmission: {@code Type} from connectable, the rest from its data. */
  static Map<String, Variant<?>> properties(BleTransmission transmission) {
    List<String> serviceUuids = new ArrayList<>();
    List<String> solicitUuids = new ArrayList<>();
    Map<UInt16, Variant<?>> manufacturer = new LinkedHashMap<>();
    Map<String, Variant<?>> service = new LinkedHashMap<>();
    Map<Byte, Variant<?>> data = new LinkedHashMap<>();
    Map<String, Variant<?>> properties = new LinkedHashMap<>();
    properties.put("Type", new Variant<>(transmission.connectable() ? "peripheral" : "broadcast"));
    byte[] ad = transmission.advertisingData();
    int at = 0;
    while (at < ad.length) {
      int length = ad[at] & 0xFF;
      if (length == 0) {
        break; // the rest is padding (Core spec Vol 3 Part C 11)
      }
      if (at + 1 + length > ad.length) {
        throw new RadioException(Reason.UNSUPPORTED, "the advertising data is cut short");
      }
      int type = ad[at + 1] & 0xFF;
      byte[] body = java.util.Arrays.copyOfRange(ad, at + 2, at + 1 + length);
      switch (type) {
        case 0x01 -> {} // Flags: bluetoothd writes them, from Type and the adapter
        case 0x02, 0x03 -> uuids(body, 2, serviceUuids);
        case 0x04, 0x05 -> uuids(body, 4, serviceUuids);
        case 0x06, 0x07 -> uuids(body, 16, serviceUuids);
        case 0x14 -> uuids(body, 2, solicitUuids);
        case 0x1F -> uuids(body, 4, solicitUuids);
        case 0x15 -> uuids(body, 16, solicitUuids);
        case 0x08, 0x09 ->
            properties.put("LocalName", new Variant<>(new String(body, StandardCharsets.UTF_8)));
        case 0x0A -> properties.put("Includes", new Variant<>(List.of("tx-power"), "as"));
        case 0x19 ->
            properties.put(
                "Appearance", new Variant<>(new UInt16(little(body, 0, 2, "an appearance"))));
        case 0x16 -> serviceData(body, 2, service);
        case 0x20 -> serviceData(body, 4, service);
        case 0x21 -> serviceData(body, 16, service);
        case 0xFF ->
            manufacturer.put(
                new UInt16(little(body, 0, 2, "manufacturer data")),
                new Variant<>(java.util.Arrays.copyOfRange(body, 2, body.length)));
        default -> {
          if (reserved(type)) {
            throw new RadioException(
                Reason.UNSUPPORTED,
                String.format(
                    Locale.ROOT, "BlueZ does not let a client advertise AD type 0x%02x", type));
          }
          data.put((byte) type, new Variant<>(body));
        }
      }
      at += 1 + length;
    }
    if (!serviceUuids.isEmpty()) {
      properties.put("ServiceUUIDs", new Variant<>(serviceUuids, "as"));
    }
    if (!solicitUuids.isEmpty()) {
      properties.put("SolicitUUIDs", new Variant<>(solicitUuids, "as"));
    }
    if (!manufacturer.isEmpty()) {
      properties.put("ManufacturerData", new Variant<>(manufacturer, "a{qv}"));
    }
    if (!service.isEmpty()) {
      properties.put("ServiceData", new Variant<>(service, "a{sv}"));
    }
    if (!data.isEmpty()) {
      properties.put("Data", new Variant<>(data, "a{yv}"));
    }
    TransmitSchedule schedule = transmission.schedule();
    if (schedule.cycle() == TransmitSchedule.Cycle.REPEAT) {
      UInt32 interval = new UInt32(schedule.intervalMillis());
      properties.put("MinInterval", new Variant<>(interval));
      properties.put("MaxInterval", new Variant<>(interval));
    }
    return properties;
  }

  /**
   * AD types bluetoothd builds only from its own state and refuses in {@code Data} (its
   * src/shared/ad.c reject list) that no other property carries either.
   */
  private static boolean reserved(int type) {
    return switch (type) {
      case 0x0D,
          0x0E,
          0x0F,
          0x10,
          0x11,
          0x12,
          0x17,
          0x18,
          0x1A,
          0x1B,
          0x1C,
          0x1D,
          0x1E,
          0x22,
          0x23,
          0x27,
          0x28,
          0x29,
          0x2A,
          0x2B,
          0x3D ->
          true;
      default -> false;
    };
  }

  private static void uuids(byte[] body, int size, List<String> into) {
    if (body.length % size != 0) {
      throw new RadioException(Reason.UNSUPPORTED, "a UUID list of " + body.length + " bytes");
    }
    for (int at = 0; at < body.length; at += size) {
      into.add(uuid(body, at, size));
    }
  }

  private static void serviceData(byte[] body, int size, Map<String, Variant<?>> into) {
    if (body.length < size) {
      throw new RadioException(Reason.UNSUPPORTED, "service data shorter than its UUID");
    }
    into.put(
        uuid(body, 0, size), new Variant<>(java.util.Arrays.copyOfRange(body, size, body.length)));
  }

  /** A little-endian UUID of 2, 4 or 16 bytes as the 128-bit string the API carries. */
  static String uuid(byte[] body, int at, int size) {
    byte[] bigEndian = new byte[size];
    for (int i = 0; i < size; i++) {
      bigEndian[i] = body[at + size - 1 - i];
    }
    String hex = HexFormat.of().formatHex(bigEndian);
    return switch (size) {
      case 2 -> "0000" + hex + BASE;
      case 4 -> hex + BASE;
      default ->
          hex.substring(0, 8)
              + "-"
              + hex.substring(8, 12)
              + "-"
              + hex.substring(12, 16)
              + "-"
              + hex.substring(16, 20)
              + "-"
              + hex.substring(20);
    };
  }

  private static int little(byte[] body, int at, int size, String what) {
    if (body.length < at + size) {
      throw new RadioException(Reason.UNSUPPORTED, what + " shorter than " + size + " bytes");
    }
    int value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = value << 8 | body[at + i] & 0xFF;
    }
    return value;
  }
}
