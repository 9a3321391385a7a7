package org.nipcgateway.core.radio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The advertising payload format (Bluetooth Core Supplement, Part A): a sequence of AD structures,
 * each a length octet, a type octet and data. Parses the fields {@link BleAdvertisement} names and
 * rebuilds a payload from them; other AD types are kept in the raw bytes only.
 */
final class AdvertisingData {
  private static final int UUIDS_16_INCOMPLETE = 0x02;
  private static final int UUIDS_16 = 0x03;
  private static final int UUIDS_128_INCOMPLETE = 0x06;
  private static final int UUIDS_128 = 0x07;
  private static final int NAME_SHORT = 0x08;
  private static final int NAME = 0x09;
  private static final int TX_POWER = 0x0A;
  private static final int SERVICE_DATA_16 = 0x16;
  private static final int SERVICE_DATA_128 = 0x21;
  private static final int MANUFACTURER = 0xFF;

  private AdvertisingData() {}

  static BleAdvertisement parse(BleAddress address, int rssi, byte[] raw) {
    Optional<String> name = Optional.empty();
    Map<Integer, byte[]> manufacturer = new LinkedHashMap<>();
    Map<String, byte[]> services = new LinkedHashMap<>();
    List<String> uuids = new ArrayList<>();
    OptionalInt txPower = OptionalInt.empty();
    int at = 0;
    while (at < raw.length) {
      int length = raw[at] & 0xFF;
      if (length == 0 || at + 1 + length > raw.length) {
        break; // padding, or a truncated structure: what came before still counts
      }
      int type = raw[at + 1] & 0xFF;
      byte[] data = java.util.Arrays.copyOfRange(raw, at + 2, at + 1 + length);
      switch (type) {
        case UUIDS_16_INCOMPLETE, UUIDS_16 -> uuids.addAll(uuids(data, 2));
        case UUIDS_128_INCOMPLETE, UUIDS_128 -> uuids.addAll(uuids(data, 16));
        case NAME_SHORT, NAME -> name = Optional.of(new String(data, StandardCharsets.UTF_8));
        case TX_POWER -> txPower = data.length == 1 ? OptionalInt.of(data[0]) : txPower;
        case SERVICE_DATA_16 -> serviceData(services, data, 2);
        case SERVICE_DATA_128 -> serviceData(services, data, 16);
        case MANUFACTURER -> {
          if (data.length >= 2) {
            manufacturer.put(
                (data[0] & 0xFF) | (data[1] & 0xFF) << 8,
                java.util.Arrays.copyOfRange(data, 2, data.length));
          }
        }
        default -> {}
      }
      at += 1 + length;
    }
    return new BleAdvertisement(
        address, rssi, name, manufacturer, services, uuids, txPower, Optional.of(raw));
  }

  static byte[] encode(BleAdvertisement ad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> short16 = ad.serviceUuids().stream().filter(u -> u.length() == 4).toList();
    List<String> long128 = ad.serviceUuids().stream().filter(u -> u.length() != 4).toList();
    if (!short16.isEmpty()) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      short16.forEach(u -> data.writeBytes(uuidBytes(u)));
      structure(out, UUIDS_16, data.toByteArray());
    }
    if (!long128.isEmpty()) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      long128.forEach(u -> data.writeBytes(uuidBytes(u)));
      structure(out, UUIDS_128, data.toByteArray());
    }
    ad.localName().ifPresent(n -> structure(out, NAME, n.getBytes(StandardCharsets.UTF_8)));
    ad.txPower().ifPresent(p -> structure(out, TX_POWER, new byte[] {(byte) p}));
    ad.serviceData()
        .forEach(
            (uuid, bytes) -> {
              byte[] id = uuidBytes(uuid);
              byte[] data = new byte[id.length + bytes.length];
              System.arraycopy(id, 0, data, 0, id.length);
              System.arraycopy(bytes, 0, data, id.length, bytes.length);
              structure(out, id.length == 2 ? SERVICE_DATA_16 : SERVICE_DATA_128, data);
            });
    ad.manufacturerData()
        .forEach(
            (company, bytes) -> {
              byte[] data = new byte[2 + bytes.length];
              data[0] = (byte) (int) company;
              data[1] = (byte) (company >> 8);
              System.arraycopy(bytes, 0, data, 2, bytes.length);
              structure(out, MANUFACTURER, data);
            });
    return out.toByteArray();
  }

  private static void structure(ByteArrayOutputStream out, int type, byte[] data) {
    out.write(data.length + 1);
    out.write(type);
    out.writeBytes(data);
  }

  private static void serviceData(Map<String, byte[]> services, byte[] data, int uuidLength) {
    if (data.length >= uuidLength) {
      services.put(
          uuid(data, 0, uuidLength), java.util.Arrays.copyOfRange(data, uuidLength, data.length));
    }
  }

  private static List<String> uuids(byte[] data, int size) {
    List<String> uuids = new ArrayList<>();
    for (int at = 0; at + size <= data.length; at += size) {
      uuids.add(uuid(data, at, size));
    }
    return uuids;
  }

  /** UUIDs travel little-endian over the air. */
  private static String uuid(byte[] data, int at, int size) {
    StringBuilder hex = new StringBuilder();
    for (int i = at + size - 1; i >= at; i--) {
      hex.append(String.format(Locale.ROOT, "%02X", data[i] & 0xFF));
    }
    if (size == 2) {
      return hex.toString();
    }
    hex.insert(20, '-').insert(16, '-').insert(12, '-').insert(8, '-');
    return BleUuids.canonical(hex.toString());
  }

  private static byte[] uuidBytes(String uuid) {
    String hex = BleUuids.canonical(uuid).replace("-", "");
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[bytes.length - 1 - i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
