package org.nipcgateway.core.nipc.unonboarded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * An operator's permission for one data app to receive advertisements of devices that are not
 * onboarded: which ones ({@link AdvertisementFilter}), whether their RSSI goes along (the draft
 * says it can reveal where the gateway stands and should be left out unless needed), and how many
 * per second at most, beyond which they are dropped and counted, so that a crowded room cannot
 * flood the app.
 */
record AdvertisementGrant(
    String dataAppId, AdvertisementFilter filter, boolean includeRssi, int maxPerSecond) {
  static final int DEFAULT_PER_SECOND = 10;
  static final int MAX_PER_SECOND = 1000;
  private static final Set<String> MEMBERS =
      Set.of("serviceUuids", "companyIds", "addressPrefixes", "includeRssi", "maxPerSecond");

  /**
   * From a request body, or a stored grant; {@link IllegalArgumentException} says what is wrong.
   */
  static AdvertisementGrant parse(String dataAppId, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    Set<String> unknown = new TreeSet<>();
    body.fieldNames().forEachRemaining(unknown::add);
    unknown.removeAll(MEMBERS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown members " + unknown);
    }
    JsonNode rssi = body.path("includeRssi");
    if (!rssi.isMissingNode() && !rssi.isBoolean()) {
      throw new IllegalArgumentException("includeRssi must be true or false");
    }
    JsonNode rate = body.path("maxPerSecond");
    if (!rate.isMissingNode()
        && (!rate.isIntegralNumber() || rate.asLong() < 1 || rate.asLong() > MAX_PER_SECOND)) {
      throw new IllegalArgumentException(
          "maxPerSecond must be a whole number from 1 to " + MAX_PER_SECOND);
    }
    return new AdvertisementGrant(
        dataAppId,
        AdvertisementFilter.parse(body),
        rssi.asBoolean(false),
        rate.isMissingNode() ? DEFAULT_PER_SECOND : rate.asInt());
  }

  /** As stored and shown, without counters. */
  ObjectNode json() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("dataAppId", dataAppId);
    filter.writeTo(out);
    out.put("includeRssi", includeRssi);
    out.put("maxPerSecond", maxPerSecond);
    return out;
  }
}
