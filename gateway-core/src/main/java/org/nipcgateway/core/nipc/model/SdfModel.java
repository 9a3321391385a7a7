package org.nipcgateway.core.nipc.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * A registered SDF document and the global names of its top-level sdfThings and sdfObjects, e.g.
 * {@code https://example.com/heartrate#/sdfObject/healthsensor}: the default namespace's URI,
 * {@code #}, and the JSON pointer of the definition (draft-ietf-asdf-sdf, global names).
 */
record SdfModel(List<String> sdfNames, ObjectNode document) {
  private static final List<String> TOP_LEVEL = List.of("sdfThing", "sdfObject");
  private static final List<String> AFFORDANCES = List.of("sdfProperty", "sdfAction", "sdfEvent");

  /**
   * Reads a document a client registers. It must name its default namespace and map every property,
   * action and event to a protocol, since the gateway can operate nothing else.
   */
  public static SdfModel parse(ObjectNode document) {
    String prefix = defaultNamespaceUri(document);
    List<String> names = new ArrayList<>();
    for (String kind : TOP_LEVEL) {
      JsonNode definitions = document.path(kind);
      for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
        names.add(prefix + "#/" + kind + "/" + definition.getKey());
        requireProtocolMaps(kind + "/" + definition.getKey(), definition.getValue());
      }
    }
    if (names.isEmpty()) {
      throw NipcException.badRequest("the SDF model has no sdfThing or sdfObject");
    }
    return new SdfModel(List.copyOf(names), document.deepCopy());
  }

  private static String defaultNamespaceUri(ObjectNode document) {
    String prefix = document.path("defaultNamespace").asText(null);
    if (prefix == null) {
      throw NipcException.badRequest(
          "the SDF model needs a defaultNamespace to give its definitions global names");
    }
    JsonNode uri = document.path("namespace").get(prefix);
    if (uri == null || !uri.isTextual() || !uri.asText().matches("[A-Za-z][A-Za-z0-9+.-]*:.+")) {
      throw NipcException.badRequest(
          "defaultNamespace '" + prefix + "' is not mapped to a URI in 'namespace'");
    }
    return uri.asText();
  }

  private static void requireProtocolMaps(String pointer, JsonNode definition) {
    for (String affordance : AFFORDANCES) {
      for (Map.Entry<String, JsonNode> entry : definition.path(affordance).properties()) {
        JsonNode map = entry.getValue().path("sdfProtocolMap");
        if (!map.isObject() || map.isEmpty()) {
          throw NipcException.badRequest(
              pointer + "/" + affordance + "/" + entry.getKey() + " has no sdfProtocolMap");
        }
      }
    }
    for (String nested : TOP_LEVEL) {
      for (Map.Entry<String, JsonNode> child : definition.path(nested).properties()) {
        requireProtocolMaps(pointer + "/" + nested + "/" + child.getKey(), child.getValue());
      }
    }
  }

  /** Whether a name a device refers to lies within this model (a top-level name or below one). */
  public boolean covers(String reference) {
    return sdfNames.stream().anyMatch(n -> reference.equals(n) || reference.startsWith(n + "/"));
  }
}
