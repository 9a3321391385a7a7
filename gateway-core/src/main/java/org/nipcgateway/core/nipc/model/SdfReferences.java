package org.nipcgateway.core.nipc.model;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nipcgateway.core.nipc.problem.NipcException;

/**
 * Resolves the {@code sdfRef}s of an SDF document (draft-ietf-asdf-sdf, "sdfRef"): each map with an
 * {@code sdfRef} becomes a copy of the definition it names, itself resolved, patched with the map's
 * other members by JSON Merge Patch (RFC 7396), so a {@code null} member removes a copied quality.
 * The engine then reads {@code readable}, {@code writable} and {@code sdfProtocolMap} from the
 * resolved document as if the model had spelt every definition out.
 *
 * <p>A reference is {@code #/pointer} (this document), or {@code prefix:#/pointer} where {@code
 * prefix} is declared in the document's {@code namespace} map: its own default namespace, or the
 * namespace of a model registered earlier (copied as it is now; a later change to that model does
 * not reach this one). Cycles, dangling references and resolutions that grow beyond a bound (a few
 * maps referring to each other many times over) are refused with 400.
 */
final class SdfReferences {
  private static final String KEYWORD = "sdfRef";

  /** How deep references may chain (a reference to a reference to …). */
  static final int MAX_DEPTH = 16;

  /** How many JSON nodes a resolved document may hold, against expansion bombs. */
  static final int MAX_NODES = 200_000;

  private final ObjectNode document;
  private final Map<String, String> namespaces;
  private final String ownNamespace;
  private final Function<String, Optional<ObjectNode>> registeredByNamespace;
  private final Deque<String> resolving = new ArrayDeque<>();
  private int nodes;

  private SdfReferences(
      ObjectNode document, Function<String, Optional<ObjectNode>> registeredByNamespace) {
    this.document = document;
    this.registeredByNamespace = registeredByNamespace;
    this.namespaces = new HashMap<>();
    document
        .path("namespace")
        .properties()
        .forEach(e -> namespaces.put(e.getKey(), e.getValue().asText()));
    this.ownNamespace = namespaces.get(document.path("defaultNamespace").asText(""));
  }

  /**
   * The document with every {@code sdfRef} resolved; {@code registeredByNamespace} finds the
   * resolved document of a registered model by its namespace URI.
   */
  static ObjectNode resolve(
      ObjectNode document, Function<String, Optional<ObjectNode>> registeredByNamespace) {
    SdfReferences references = new SdfReferences(document, registeredByNamespace);
    return (ObjectNode) references.expand(document.deepCopy());
  }

  private JsonNode expand(JsonNode node) {
    if (++nodes > MAX_NODES) {
      throw NipcException.badRequest(
          "the SDF model's sdfRefs expand to more than " + MAX_NODES + " JSON values");
    }
    if (node.isObject()) {
      ObjectNode map = (ObjectNode) node;
      JsonNode reference = map.get(KEYWORD);
      if (reference != null) {
        map = resolveReference(map, reference);
      }
      List<String> names = new ArrayList<>();
      map.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        map.set(name, expand(map.get(name)));
      }
      return map;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((ArrayNode) node).set(i, expand(node.get(i)));
      }
    }
    return node;
  }

  private ObjectNode resolveReference(ObjectNode map, JsonNode reference) {
    if (!reference.isTextual()) {
      throw NipcException.badRequest("an sdfRef must be a string, found " + reference);
    }
    String name = reference.asText();
    if (resolving.contains(name)) {
      throw NipcException.badRequest("the sdfRef '" + name + "' refers back to itself (a cycle)");
    }
    if (resolving.size() >= MAX_DEPTH) {
      throw NipcException.badRequest(
          "the sdfRef '" + name + "' chains more than " + MAX_DEPTH + " references deep");
    }
    resolving.push(name);
    try {
      JsonNode target = expand(target(name).deepCopy());
      if (!target.isObject()) {
        throw NipcException.badRequest("the sdfRef '" + name + "' does not name a definition");
      }
      ObjectNode patch = map.deepCopy();
      patch.remove(KEYWORD);
      return (ObjectNode) mergePatch(target, patch);
    } finally {
      resolving.pop();
    }
  }

  /** The unresolved definition a reference names. */
  private JsonNode target(String name) {
    int hash = name.indexOf('#');
    if (hash < 0) {
      throw NipcException.badRequest(
          "the sdfRef '" + name + "' is not a name reference ('#/…' or 'prefix:#/…')");
    }
    JsonNode source = document;
    if (hash > 0) {
      String prefix = name.substring(0, hash);
      if (!prefix.endsWith(":")) {
        throw NipcException.badRequest(
            "the sdfRef '" + name + "' must name its namespace as 'prefix:#/…'");
      }
      String uri = namespaces.get(prefix.substring(0, prefix.length() - 1));
      if (uri == null) {
        throw NipcException.badRequest(
            "the sdfRef '" + name + "' uses a prefix not declared in 'namespace'");
      }
      if (!uri.equals(ownNamespace)) {
        source =
            registeredByNamespace
                .apply(uri)
                .orElseThrow(
                    () ->
                        NipcException.badRequest(
                            "the sdfRef '"
                                + name
                                + "' refers to namespace "
                                + uri
                                + ", which no registered model defines"));
      }
    }
    JsonNode target;
    try {
      target = source.at(JsonPointer.compile(name.substring(hash + 1)));
    } catch (IllegalArgumentException e) {
      throw NipcException.badRequest("the sdfRef '" + name + "' is not a valid JSON pointer");
    }
    if (target.isMissingNode()) {
      throw NipcException.badRequest("the sdfRef '" + name + "' names no definition (dangling)");
    }
    return target;
  }

  /** RFC 7396: the patch's members replace the target's, a null removes one, maps merge. */
  private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        JsonNode current = result.get(member.getKey());
        JsonNode base = current == null ? NullNode.getInstance() : current;
        result.set(member.getKey(), mergePatch(base, member.getValue()));
      }
    }
    return result;
  }
}
