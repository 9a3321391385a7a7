package org.nipcgateway.core.nipc.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * A registered SDF document, as the client sent it and with its {@code sdfRef}s resolved, and the
 * global names of its top-level sdfThings and sdfObjects, e.g. {@code
 * https://example.com/heartrate#/sdfObject/healthsensor}: the default namespace's URI, {@code #},
 * and the JSON pointer of the definition (draft-ietf-asdf-sdf, global names). The engine reads
 * definitions from the resolved document; clients get theirs back as sent.
 */
record SdfModel(List<String> sdfNames, ObjectNode document, ObjectNode resolved) {
  private static final List<String> TOP_LEVEL = List.of("sdfThing", "sdfObject");
  private static final List<String> AFFORDANCES = List.of("sdfProperty", "sdfAction", "sdfEvent");

  /**
   * Reads a document a client registers. It must name its default namespace and, once its {@code
   * sdfRef}s are resolved ({@code registeredByNamespace} finds the resolved document of another
   * registered model by its namespace URI), satisfy the schema and map every property, action and
   * event to a protocol, since the gateway can operate nothing else. The schema checks the resolved
   * document: a definition may take its {@code sdfProtocolMap} from the one it refers to.
   */
  public static SdfModel parse(
      ObjectNode document,
      Function<String, Optional<ObjectNode>> registeredByNamespace,
      SdfModelSchema schema) {
    String prefix = defaultNamespaceUri(document);
    ObjectNode resolved = SdfReferences.resolve(document, registeredByNamespace);
    schema.check(resolved);
    List<String> names = new ArrayList<>();
    for (String kind : TOP_LEVEL) {
      JsonNode definitions = resolved.path(kind);
      for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
        names.add(prefix + "#/" + kind + "/" + definition.getKey());
        requireProtocolMaps(kind + "/" + definition.getKey(), definition.getValue());
      }
    }
    if (names.isEmpty()) {
      throw NipcException.badRequest("the SDF model has no sdfThing or sdfObject");
    }
    return new SdfModel(List.copyOf(names), document.deepCopy(), resolved);
  }

  /** The URI of the model's default namespace. */
  public String namespaceUri() {
    return document.path("namespace").path(document.path("defaultNamespace").asText()).asText();
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
    for (String name : sdfNames) {
      if (reference.equals(name)
          || org.nipcgateway.core.device.DeviceRecord.isUnder(reference, name)) {
        return true;
      }
    }
    return false;
  }
}
