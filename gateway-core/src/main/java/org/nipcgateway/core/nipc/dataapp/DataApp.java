package org.nipcgateway.core.nipc.dataapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.nipcgateway.core.storage.StoredResource;

/**
 * A registered data app as delivery sees it: the events it takes, its delivery settings as
 * registered ({@code mqttClient}, {@code mqttBroker}, {@code webhook} or {@code websocket}) and the
 * secrets kept apart from them (a broker {@code password}, webhook/websocket {@code headers}).
 */
public record DataApp(String id, List<String> events, JsonNode registration, JsonNode secrets) {

  static DataApp of(StoredResource resource, JsonNode openedSecrets) {
    List<String> events = new ArrayList<>();
    resource.attributes().path("events").forEach(e -> events.add(e.path("event").asText()));
    return new DataApp(
        DataAppRegistry.dataAppId(resource.id()),
        List.copyOf(events),
        resource.attributes(),
        openedSecrets);
  }

  /**
   * Which delivery it registered: {@code mqttClient}, {@code mqttBroker}, {@code webhook} or {@code
   * websocket}.
   */
  public String delivery() {
    for (String kind : List.of("mqttClient", "mqttBroker", "webhook", "websocket")) {
      if (registration.has(kind)) {
        return kind;
      }
    }
    throw new IllegalStateException("data app " + id + " has no delivery");
  }
}
