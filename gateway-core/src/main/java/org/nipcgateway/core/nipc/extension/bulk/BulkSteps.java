package org.nipcgateway.core.nipc.extension.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * The operations a bulk may hold, by method and path template (Extension-Bulk.yaml lists them),
 * each with the query parameter naming its affordance. Paths are relative to the NIPC base ({@code
 * /devices/…}); {@code /nipc/devices/…} is taken too. Every operation must address the bulk's own
 * device: a bulk is authorised for that device alone.
 */
public final class BulkSteps {
  private static final Pattern PATH =
      Pattern.compile("^(?:/nipc)?/(devices|extensions)/([^/?]+)(/[^?]*?)/?$");

  private record Kind(String method, String collection, String rest) {}

  private record Registered(String parameter, BulkStep step) {}

  private final Map<Kind, Registered> steps = new LinkedHashMap<>();

  /**
   * Adds a kind of operation.
   *
   * @param template e.g. {@code /devices/{id}/properties}
   * @param parameter the query parameter naming the affordance, e.g. {@code propertyName}
   */
  public BulkSteps add(String method, String template, String parameter, BulkStep step) {
    Matcher m = PATH.matcher(template);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a device path template: " + template);
    }
    steps.put(new Kind(method, m.group(1), m.group(3)), new Registered(parameter, step));
    return this;
  }

  /** The operation checked and ready to run, or a 400 problem saying what is wrong with it. */
  BulkStep.Run prepare(String deviceId, String method, String path, JsonNode data) {
    URI uri;
    try {
      uri = new URI(path);
    } catch (URISyntaxException e) {
      throw NipcException.badRequest("operation path '" + path + "' is not a URI path");
    }
    Matcher m = PATH.matcher(String.valueOf(uri.getRawPath()));
    if (!m.matches()) {
      throw unsupported(method, path);
    }
    if (!m.group(2).equals(deviceId)) {
      throw NipcException.badRequest(
          "operation path '" + path + "' addresses another device than this bulk's " + deviceId);
    }
    Registered registered = steps.get(new Kind(method, m.group(1), m.group(3)));
    if (registered == null) {
      throw unsupported(method, path);
    }
    String name = query(uri.getRawQuery(), registered.parameter());
    if (name == null || name.isBlank()) {
      throw NipcException.badRequest(
          "operation path '" + path + "' needs the query parameter " + registered.parameter());
    }
    return registered.step().prepare(deviceId, name, data);
  }

  private static String query(String rawQuery, String parameter) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(parameter)) {
        try {
          return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw NipcException.badRequest("the query parameter " + parameter + " is malformed");
        }
      }
    }
    return null;
  }

  private NipcException unsupported(String method, String path) {
    StringBuilder known = new StringBuilder();
    steps
        .keySet()
        .forEach(
            k ->
                known
                    .append(known.length() == 0 ? "" : ", ")
                    .append(k.method())
                    .append(" /")
                    .append(k.collection())
                    .append("/{id}")
                    .append(k.rest()));
    return NipcException.badRequest(
        "a bulk cannot hold " + method + " " + path + "; it may hold " + known);
  }
}
