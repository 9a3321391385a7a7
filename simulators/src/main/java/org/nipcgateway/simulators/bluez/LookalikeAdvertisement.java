package org.nipcgateway.simulators.bluez;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.freedesktop.dbus.types.Variant;

/**
 * An advertisement a client registered with the look-alike's {@code LEAdvertisingManager1}: the
 * {@code org.bluez.LEAdvertisement1} properties read from the client's object, and the AD
 * structures bluetoothd would build from them ({@link #payload()}), so tests can assert what went
 * on the air.
 *
 * @param owner the client's unique bus name
 * @param type {@code broadcast} or {@code peripheral} (connectable)
 * @param serviceUuids 128-bit UUID strings, lower case, as the API carries them
 * @param serviceData by 128-bit UUID string
 * @param data {@code Data}: AD structures by type that no other property covers
 * @param minIntervalMillis {@code MinInterval}, when the client asked for one
 */
public record LookalikeAdvertisement(
    String owner,
    String path,
    String type,
    List<String> serviceUuids,
    List<String> solicitUuids,
    Map<Integer, byte[]> manufacturerData,
    Map<String, byte[]> serviceData,
    Map<Integer, byte[]> data,
    Optional<String> localName,
    OptionalInt appearance,
    List<String> includes,
    OptionalLong minIntervalMillis,
    OptionalLong maxIntervalMillis) {
  private static final Pattern ON_BASE =
      Pattern.compile("([0-9a-f]{8})-0000-1000-8000-00805f9b34fb");

  /** Reads the properties a client's {@code GetAll} answered; refuses what bluetoothd refuses. */
  static LookalikeAdvertisement of(String owner, String path, Map<String, Variant<?>> properties) {
    Object type = plain(properties.get("Type"));
    if (!"broadcast".equals(type) && !"peripheral".equals(type)) {
      throw BluezErrors.invalidArguments("Failed to parse advertisement: Type " + type);
    }
    if ("broadcast".equals(type) && properties.containsKey("Discoverable")) {
      throw BluezErrors.invalidArguments("Discoverable is not allowed for a broadcast");
    }
    Map<Integer, byte[]> data = new LinkedHashMap<>();
    if (plain(properties.get("Data")) instanceof Map<?, ?> entries) {
      entries.forEach((key, value) -> data.put(((Number) key).intValue() & 0xFF, bytes(value)));
    }
    for (int adType : data.keySet()) {
      if (handledElsewhere(adType)) {
        throw BluezErrors.invalidArguments(
            String.format(Locale.ROOT, "Data may not carry AD type 0x%02x", adType));
      }
    }
    Map<Integer, byte[]> manufacturer = new LinkedHashMap<>();
    if (plain(properties.get("ManufacturerData")) instanceof Map<?, ?> entries) {
      entries.forEach((key, value) -> manufacturer.put(((Number) key).intValue(), bytes(value)));
    }
    Map<String, byte[]> service = new LinkedHashMap<>();
    if (plain(properties.get("ServiceData")) instanceof Map<?, ?> entries) {
      entries.forEach(
          (key, value) -> service.put(String.valueOf(key).toLowerCase(Locale.ROOT), bytes(value)));
    }
    Object name = plain(properties.get("LocalName"));
    Object appearance = plain(properties.get("Appearance"));
    return new LookalikeAdvertisement(
        owner,
        path,
        (String) type,
        strings(properties.get("ServiceUUIDs")),
        strings(properties.get("SolicitUUIDs")),
        manufacturer,
        service,
        data,
        Optional.ofNullable(name == null ? null : String.valueOf(name)),
        appearance instanceof Number n ? OptionalInt.of(n.intValue()) : OptionalInt.empty(),
        strings(properties.get("Includes")),
        interval(properties.get("MinInterval")),
        interval(properties.get("MaxInterval")));
  }

  /**
   * The AD structures bluetoothd builds from the properties: Flags for a connectable advertisement
   * (BR/EDR not supported, the look-alike's adapter being LE only), then service UUIDs (16, 32,
   * 128-bit), solicited UUIDs, manufacturer data, service data, the local name, the appearance and
   * {@code Data}. A model of its generator, not its exact byte order.
   */
  public byte[] payload() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (type.equals("peripheral")) {
      structure(out, 0x01, new byte[] {0x04});
    }
    uuids(out, serviceUuids, 0x03, 0x05, 0x07);
    uuids(out, solicitUuids, 0x14, 0x1F, 0x15);
    manufacturerData.forEach(
        (id, value) -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          body.write(id & 0xFF);
          body.write(id >> 8 & 0xFF);
          body.writeBytes(value);
          structure(out, 0xFF, body.toByteArray());
        });
    serviceData.forEach(
        (uuid, value) -> {
          byte[] id = uuidBytes(uuid);
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          body.writeBytes(id);
          body.writeBytes(value);
          structure(out, id.length == 2 ? 0x16 : id.length == 4 ? 0x20 : 0x21, body.toByteArray());
        });
    localName.ifPresent(
        n -> structure(out, 0x09, n.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    appearance.ifPresent(a -> structure(out, 0x19, new byte[] {(byte) a, (byte) (a >> 8)}));
    data.forEach((adType, value) -> structure(out, adType, value));
    return out.toByteArray();
  }

  @Override
  public Map<Integer, byte[]> manufacturerData() {
    return copy(manufacturerData);
  }

  @Override
  public Map<Integer, byte[]> data() {
    return copy(data);
  }

  @Override
  public Map<String, byte[]> serviceData() {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    serviceData.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /** AD types a client may not send in {@code Data}: bluetoothd builds them from other fields. */
  private static boolean handledElsewhere(int adType) {
    return switch (adType) {
      case 0x01,
          0x02,
          0x03,
          0x04,
          0x05,
          0x06,
          0x07,
          0x08,
          0x09,
          0x0A,
          0x0D,
          0x0E,
          0x0F,
          0x10,
          0x11,
          0x12,
          0x14,
          0x15,
          0x16,
          0x17,
          0x18,
          0x19,
          0x1A,
          0x1B,
          0x1C,
          0x1D,
          0x1E,
          0x1F,
          0x20,
          0x21,
          0x22,
          0x23,
          0x27,
          0x28,
          0x29,
          0x2A,
          0x2B,
          0x3D,
          0xFF ->
          true;
      default -> false;
    };
  }

  private static void uuids(
      ByteArrayOutputStream out, List<String> uuids, int type16, int type32, int type128) {
    for (int size : new int[] {2, 4, 16}) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (String uuid : uuids) {
        byte[] id = uuidBytes(uuid);
        if (id.length == size) {
          body.writeBytes(id);
        }
      }
      if (body.size() > 0) {
        structure(out, size == 2 ? type16 : size == 4 ? type32 : type128, body.toByteArray());
      }
    }
  }

  /** A UUID as the air carries it: 16 or 32 bits when on the Bluetooth base, little-endian. */
  private static byte[] uuidBytes(String uuid) {
    String lower = uuid.toLowerCase(Locale.ROOT);
    Matcher base = ON_BASE.matcher(lower);
    String hex = base.matches() ? base.group(1).replaceFirst("^0000", "") : lower.replace("-", "");
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[bytes.length - 1 - i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  private static void structure(ByteArrayOutputStream out, int type, byte[] body) {
    out.write(body.length + 1);
    out.write(type);
    out.writeBytes(body);
  }

  private static OptionalLong interval(Variant<?> value) {
    return plain(value) instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
  }

  private static Object plain(Object value) {
    return value instanceof Variant<?> variant ? variant.getValue() : value;
  }

  private static byte[] bytes(Object value) {
    Object data = plain(value);
    if (data instanceof byte[] array) {
      return array.clone();
    }
    if (data instanceof List<?> list) {
      byte[] array = new byte[list.size()];
      for (int i = 0; i < array.length; i++) {
        array[i] = ((Number) list.get(i)).byteValue();
      }
      return array;
    }
    throw BluezErrors.invalidArguments("expected a byte array, got " + data);
  }

  private static List<String> strings(Variant<?> value) {
    List<String> list = new ArrayList<>();
    Object items = plain(value);
    if (items instanceof Collection<?> collection) {
      collection.forEach(item -> list.add(String.valueOf(item).toLowerCase(Locale.ROOT)));
    } else if (items instanceof Object[] array) {
      for (Object item : array) {
        list.add(String.valueOf(item).toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(list);
  }

  private static Map<Integer, byte[]> copy(Map<Integer, byte[]> map) {
    Map<Integer, byte[]> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }
}
