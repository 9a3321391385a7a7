package org.nipcgateway.core.nipc.dataapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;

/**
 * A data application's registration (draft-ietf-asdf-nipc, data_app.cddl): the events it may
 * receive and exactly one way to deliver them. Its secrets (an MQTT broker password, webhook or
 * websocket header values) are kept apart from what responses show.
 */
record DataAppRegistration(List<String> events, ObjectNode shown, ObjectNode secrets) {
  private static final List<String> DELIVERIES =
      List.of("mqttClient", "mqttBroker", "webhook", "websocket");
  private static final Map<String, Set<String>> SCHEMES =
      Map.of(
          "mqttBroker", Set.of("mqtt", "mqtts", "tcp", "ssl"),
          "webhook", Set.of("https", "http"),
          "websocket", Set.of("wss", "ws"));

  /** What responses show instead of a secret value. */
  static final String REDACTED = "********";

  public static DataAppRegistration parse(JsonNode body) {
    if (!body.isObject()) {
      throw NipcException.badRequest("a data-app registration is a JSON object");
    }
    ObjectNode shown = JsonNodeFactory.instance.objectNode();
    ObjectNode secrets = JsonNodeFactory.instance.objectNode();
    List<String> events = events(body.path("events"));
    shown.set("events", body.get("events").deepCopy());
    List<String> deliveries = new ArrayList<>();
    for (String field : iterable(body)) {
      if (field.equals("events")) {
        continue;
      }
      if (!DELIVERIES.contains(field)) {
        throw NipcException.badRequest("unknown field '" + field + "' in the registration");
      }
      deliveries.add(field);
    }
    if (deliveries.size() != 1) {
      throw NipcException.badRequest(
          "a registration names exactly one of " + DELIVERIES + ", got " + deliveries);
    }
    String delivery = deliveries.get(0);
    JsonNode value = body.get(delivery);
    if (delivery.equals("mqttClient")) {
      if (!value.isBoolean()) {
        throw NipcException.badRequest("mqttClient must be true or false");
      }
      shown.set(delivery, value);
    } else {
      shown.set(delivery, endpoint(delivery, value, secrets));
    }
    return new DataAppRegistration(List.copyOf(events), shown, secrets);
  }

  private static List<String> events(JsonNode events) {
    if (!events.isArray()) {
      throw NipcException.badRequest("events must be an array of {\"event\": <sdfEvent name>}");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode event : events) {
      if (!event.isObject() || event.size() != 1 || !event.path("event").isTextual()) {
        throw NipcException.badRequest("each event is {\"event\": <sdfEvent global name>}");
      }
      String name = event.get("event").asText();
      if (names.contains(name)) {
        // One event listed twice would be delivered twice, or not at all after one is removed.
        throw NipcException.badRequest("the event " + name + " is listed more than once");
      }
      names.add(name);
    }
    return names;
  }

  /** A broker, webhook or websocket endpoint: URI with a supported scheme, secrets set apart. */
  private static ObjectNode endpoint(String delivery, JsonNode value, ObjectNode secrets) {
    if (!value.isObject() || !value.path("URI").isTextual()) {
      throw NipcException.badRequest(delivery + " needs an object with a URI");
    }
    checkScheme(delivery, value.get("URI").asText());
    checkAuthority(delivery, value.get("URI").asText());
    ObjectNode shown = JsonNodeFactory.instance.objectNode();
    for (String field : iterable(value)) {
      JsonNode item = value.get(field);
      switch (field) {
        case "URI", "brokerCACert", "serverCACert", "customTopic", "username" -> {
          if (!item.isTextual()) {
            throw NipcException.badRequest(delivery + "." + field + " must be a string");
          }
          shown.set(field, item);
        }
        case "password" -> {
          if (!item.isTextual()) {
            throw NipcException.badRequest(delivery + ".password must be a string");
          }
          secrets.set("password", item);
        }
        case "headers" -> shown.set(field, headers(delivery, item, secrets));
        default -> throw NipcException.badRequest("unknown field '" + field + "' in " + delivery);
      }
    }
    if (delivery.equals("mqttBroker") && (!shown.has("username") || !secrets.has("password"))) {
      throw NipcException.badRequest("mqttBroker needs a username and a password");
    }
    return shown;
  }

  private static ObjectNode headers(String delivery, JsonNode headers, ObjectNode secrets) {
    if (!headers.isObject()) {
      throw NipcException.badRequest(delivery + ".headers must be an object of strings");
    }
    ObjectNode shown = JsonNodeFactory.instance.objectNode();
    ObjectNode kept = secrets.putObject("headers");
    for (String name : iterable(headers)) {
      if (!headers.get(name).isTextual()) {
        throw NipcException.badRequest(delivery + ".headers." + name + " must be a string");
      }
      kept.set(name, headers.get(name));
      shown.put(name, REDACTED);
    }
    return shown;
  }

  /**
   * The URI's scheme must be one the delivery supports; a broker given as {@code host:port}, as in
   * the draft's example, means plain MQTT.
   */
  private static void checkScheme(String delivery, String uri) {
    if (delivery.equals("mqttBroker") && uri.matches("[^/:]+:\\d+")) {
      return;
    }
    String scheme;
    try {
      scheme = new URI(uri).getScheme();
    } catch (URISyntaxException e) {
      throw NipcException.badRequest(delivery + ".URI is not a URI: " + uri);
    }
    if (delivery.equals("mqttBroker") && scheme == null) {
      return;
    }
    if (scheme == null || !SCHEMES.get(delivery).contains(scheme.toLowerCase(Locale.ROOT))) {
      throw NipcException.of(
          NipcProblem.UNSUPPORTED_URI_SCHEME,
          delivery
              + " does not support the URI scheme of "
              + uri
              + " (supported: "
              + SCHEMES.get(delivery)
              + ")");
    }
  }

  /**
   * The URI must name a host, and a port when it has a port separator: {@code mqtt://host:} would
   * be stored and then fail at every delivery, far from the request that caused it.
   */
  private static void checkAuthority(String delivery, String uri) {
    URI parsed;
    try {
      parsed = new URI(uri.contains("://") ? uri : "mqtt://" + uri);
    } catch (URISyntaxException e) {
      throw NipcException.badRequest(delivery + ".URI is not a URI: " + uri);
    }
    String authority = parsed.getRawAuthority();
    if (parsed.getHost() == null || authority == null) {
      throw NipcException.badRequest(delivery + ".URI names no host (or a malformed port): " + uri);
    }
    if (authority.endsWith(":")) {
      throw NipcException.badRequest(delivery + ".URI has a ':' but no port: " + uri);
    }
    if (parsed.getPort() == 0 || parsed.getPort() > 65535) {
      throw NipcException.badRequest(delivery + ".URI has a port outside 1-65535: " + uri);
    }
  }

  private static Iterable<String> iterable(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
