package org.nipcgateway.core.nipc.connection;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.BleBonding;

/**
 * A connection request body (draft-ietf-asdf-nipc, connection.cddl): retries, and the BLE protocol
 * information — services to discover, cache use and lifetime, bonding override.
 */
record ConnectionRequest(
    int retries,
    Set<String> services,
    boolean cached,
    Duration cacheExpiry,
    Optional<BleBonding> bonding) {
  static final int DEFAULT_RETRIES = 3;
  static final Duration DEFAULT_CACHE_EXPIRY = Duration.ofHours(1);
  private static final int MAX_RETRIES = 10;

  static ConnectionRequest parse(JsonNode body) {
    if (body == null || body.isMissingNode() || body.isNull()) {
      return new ConnectionRequest(
          DEFAULT_RETRIES, Set.of(), false, DEFAULT_CACHE_EXPIRY, Optional.empty());
    }
    if (!body.isObject()) {
      throw NipcException.badRequest("the body must be a JSON object");
    }
    int retries = DEFAULT_RETRIES;
    if (body.has("retries")) {
      if (!body.get("retries").canConvertToInt()
          || body.get("retries").asInt() < 0
          || body.get("retries").asInt() > MAX_RETRIES) {
        throw NipcException.badRequest("retries must be an integer from 0 to " + MAX_RETRIES);
      }
      retries = body.get("retries").asInt();
    }
    JsonNode info = body.path("protocolInformation");
    if (!info.isMissingNode() && !info.isObject()) {
      throw NipcException.badRequest("protocolInformation must be an object");
    }
    JsonNode ble = info.path("ble");
    Set<String> services = new LinkedHashSet<>();
    for (JsonNode service : ble.path("services")) {
      if (!service.path("serviceID").isTextual()) {
        throw NipcException.badRequest("each service needs a serviceID");
      }
      services.add(service.get("serviceID").asText());
    }
    Duration expiry = DEFAULT_CACHE_EXPIRY;
    if (ble.has("cacheExpiryDuration")) {
      if (!ble.get("cacheExpiryDuration").canConvertToLong()
          || ble.get("cacheExpiryDuration").asLong() < 0) {
        throw NipcException.badRequest("cacheExpiryDuration must be a number of seconds");
      }
      expiry = Duration.ofSeconds(ble.get("cacheExpiryDuration").asLong());
    }
    return new ConnectionRequest(
        retries, services, ble.path("cached").asBoolean(false), expiry, bonding(ble));
  }

  private static Optional<BleBonding> bonding(JsonNode ble) {
    String value = ble.path("bonding").asText("default").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "default" -> Optional.empty();
      case "none", "justworks", "passkey", "oob" ->
          Optional.of(BleBonding.valueOf(value.toUpperCase(Locale.ROOT)));
      default ->
          throw NipcException.badRequest(
              "bonding must be one of default, none, justworks, passkey, oob");
    };
  }
}
