package org.nipcgateway.core.radio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One advertisement as a stack reports it: who sent it, how strong, and its fields parsed (BlueZ
 * exposes only these, as {@code Device1} properties), plus the raw advertising payload when the
 * stack has it.
 *
 * @param manufacturerData by Bluetooth SIG company id
 * @param serviceData by service UUID, in {@link BleUuids#canonical canonical} form
 * @param serviceUuids the advertised service UUIDs, canonical
 * @param raw the AD structures as received; empty when the stack gives fields only
 */
public record BleAdvertisement(
    BleAddress address,
    int rssi,
    Optional<String> localName,
    Map<Integer, byte[]> manufacturerData,
    Map<String, byte[]> serviceData,
    List<String> serviceUuids,
    OptionalInt txPower,
    Optional<byte[]> raw) {

  public BleAdvertisement {
    manufacturerData = copy(manufacturerData);
    Map<String, byte[]> services = new LinkedHashMap<>();
    serviceData.forEach((uuid, data) -> services.put(BleUuids.canonical(uuid), data.clone()));
    serviceData = java.util.Collections.unmodifiableMap(services);
    serviceUuids = serviceUuids.stream().map(BleUuids::canonical).toList();
    raw = raw.map(byte[]::clone);
  }

  /** An advertisement whose fields come from its raw payload (simulators, HCI-level stacks). */
  public static BleAdvertisement fromRaw(BleAddress address, int rssi, byte[] raw) {
    return AdvertisingData.parse(address, rssi, raw);
  }

  /** The payload as events carry it: the raw bytes, or AD structures rebuilt from the fields. */
  public byte[] payload() {
    return raw.map(byte[]::clone).orElseGet(() -> AdvertisingData.encode(this));
  }

  private static <K> Map<K, byte[]> copy(Map<K, byte[]> map) {
    Map<K, byte[]> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, value.clone()));
    return java.util.Collections.unmodifiableMap(copy);
  }
}
