package org.nipcgateway.core.nipc.unonboarded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.nipcgateway.core.radio.BleAdvertisement;
import org.nipcgateway.core.radio.BleUuids;

/**
 * Which advertisements of not-onboarded devices a data app may receive: those that advertise one of
 * the service UUIDs (in their service list or as service data), carry manufacturer data of one of
 * the company ids, or come from an address starting with one of the prefixes. An empty filter is
 * refused: an access point in a busy place hears hundreds of devices, and a grant must say which
 * kind the app is after.
 */
record AdvertisementFilter(
    Set<String> serviceUuids, Set<Integer> companyIds, Set<String> prefixes) {
  static final int MAX_ENTRIES = 32;
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9A-Fa-f]{4}"
              + "|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
  private static final Pattern PREFIX = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){0,5}");

  AdvertisementFilter {
    serviceUuids = Set.copyOf(serviceUuids);
    companyIds = Set.copyOf(companyIds);
    prefixes = Set.copyOf(prefixes);
  }

  boolean matches(BleAdvertisement advertisement) {
    String address = advertisement.address().toString();
    return advertisement.serviceUuids().stream().anyMatch(serviceUuids::contains)
        || advertisement.serviceData().keySet().stream().anyMatch(serviceUuids::contains)
        || advertisement.manufacturerData().keySet().stream().anyMatch(companyIds::contains)
        || prefixes.stream().anyMatch(address::startsWith);
  }

  /**
   * From a grant's {@code serviceUuids}, {@code companyIds} and {@code addressPrefixes}; at least
   * one entry among them. Throws {@link IllegalArgumentException} with what is wrong.
   */
  static AdvertisementFilter parse(JsonNode grant) {
    AdvertisementFilter filter =
        new AdvertisementFilter(
            entries(grant, "serviceUuids", AdvertisementFilter::uuid),
            entries(grant, "companyIds", AdvertisementFilter::companyId),
            entries(grant, "addressPrefixes", AdvertisementFilter::prefix));
    if (filter.serviceUuids.isEmpty() && filter.companyIds.isEmpty() && filter.prefixes.isEmpty()) {
      throw new IllegalArgumentException(
          "a grant needs a filter: at least one of serviceUuids, companyIds, addressPrefixes");
    }
    return filter;
  }

  /** The filter as the grant shows it, each list sorted (UUIDs in full, as NIPC shows ids). */
  void writeTo(ObjectNode out) {
    ArrayNode uuids = out.putArray("serviceUuids");
    serviceUuids.stream().map(BleUuids::full).sorted().forEach(uuids::add);
    ArrayNode companies = out.putArray("companyIds");
    companyIds.stream().sorted().forEach(companies::add);
    ArrayNode addresses = out.putArray("addressPrefixes");
    prefixes.stream().sorted().forEach(addresses::add);
  }

  private static <T> Set<T> entries(JsonNode grant, String name, Function<JsonNode, T> parse) {
    JsonNode list = grant.path(name);
    if (list.isMissingNode()) {
      return Set.of();
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException(name + " must be an array");
    }
    if (list.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(name + " may hold at most " + MAX_ENTRIES + " entries");
    }
    Set<T> values = new LinkedHashSet<>();
    list.forEach(item -> values.add(parse.apply(item)));
    return values;
  }

  private static String uuid(JsonNode item) {
    if (!item.isTextual() || !UUID.matcher(item.asText()).matches()) {
      throw new IllegalArgumentException(
          "serviceUuids holds Bluetooth UUIDs (16 or 128 bits), not " + item);
    }
    return BleUuids.canonical(item.asText());
  }

  private static Integer companyId(JsonNode item) {
    if (!item.isIntegralNumber() || item.asLong() < 0 || item.asLong() > 0xFFFF) {
      throw new IllegalArgumentException(
          "companyIds holds Bluetooth SIG company ids (0 to 65535), not " + item);
    }
    return item.asInt();
  }

  private static String prefix(JsonNode item) {
    if (!item.isTextual() || !PREFIX.matcher(item.asText()).matches()) {
      throw new IllegalArgumentException(
          "addressPrefixes holds one to six octets such as \"C1:5C\", not " + item);
    }
    return item.asText().toUpperCase(Locale.ROOT);
  }
}
