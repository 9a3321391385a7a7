package org.nipcgateway.core.security;

import io.vertx.core.json.JsonObject;
import org.nipcgateway.core.config.ConfigException;

/**
 * The {@code security} config section.
 *
 * <pre>{@code
 * "security": { "rateLimit": { "perSecond": 50, "burst": 100 }, "maxConnections": 512,
 *               "tokenLifetimeDays": 90, "jwt": { ... see JwtBearer ... } }
 * }</pre>
 *
 * @param perSecond requests each client may make per second, on average
 * @param burst requests each client may make at once
 * @param maxConnections open HTTP connections at most; requests on more get 503
 */
public record SecuritySettings(double perSecond, double burst, int maxConnections, JsonObject jwt) {

  public static SecuritySettings from(JsonObject section) {
    JsonObject rate = section.getJsonObject("rateLimit", new JsonObject());
    double perSecond = number(rate, "perSecond", 50);
    double burst = number(rate, "burst", 100);
    double connections = number(section, "maxConnections", 512);
    if (perSecond <= 0 || burst < 1 || connections < 1) {
      throw new ConfigException(
          "security.rateLimit.perSecond must be > 0, burst and maxConnections at least 1");
    }
    return new SecuritySettings(
        perSecond, burst, (int) connections, section.getJsonObject("jwt", new JsonObject()));
  }

  private static double number(JsonObject section, String key, double fallback) {
    Object value = section.getValue(key, fallback);
    if (!(value instanceof Number number)) {
      throw new ConfigException("security setting " + key + " must be a number, got " + value);
    }
    return number.doubleValue();
  }
}
