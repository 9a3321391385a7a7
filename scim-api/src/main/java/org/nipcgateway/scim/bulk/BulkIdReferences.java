package org.nipcgateway.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bulkId:…} references (RFC 7644, section 3.7.2): a value or path segment that stands for
 * the id of a resource created by another operation of the same request.
 */
final class BulkIdReferences {
  private static final String PREFIX = "bulkId:";
  private static final Pattern IN_PATH = Pattern.compile("bulkId:([^/]+)");

  private BulkIdReferences() {}

  /** The bulkIds an operation refers to, in its path and anywhere in its data. */
  static Set<String> of(BulkOperation operation) {
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = IN_PATH.matcher(operation.path());
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    operation.data().ifPresent(data -> collect(data, found));
    return found;
  }

  private static void collect(JsonNode node, Set<String> found) {
    if (node.isTextual() && node.asText().startsWith(PREFIX)) {
      found.add(node.asText().substring(PREFIX.length()));
    }
    for (JsonNode child : node) {
      collect(child, found);
    }
  }

  /** The path with each reference replaced by the id it stands for. */
  static String path(String path, Map<String, String> ids) {
    Matcher matcher = IN_PATH.matcher(path);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(ids.get(matcher.group(1))));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** A copy of the data with each reference value replaced by the id it stands for. */
  static ObjectNode data(ObjectNode data, Map<String, String> ids) {
    ObjectNode copy = data.deepCopy();
    replace(copy, ids);
    return copy;
  }

  private static void replace(JsonNode node, Map<String, String> ids) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> member : object.properties()) {
        JsonNode value = member.getValue();
        if (isReference(value)) {
          member.setValue(TextNode.valueOf(ids.get(value.asText().substring(PREFIX.length()))));
        } else {
          replace(value, ids);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (isReference(array.get(i))) {
          array.set(i, ids.get(array.get(i).asText().substring(PREFIX.length())));
        } else {
          replace(array.get(i), ids);
        }
      }
    }
  }

  private static boolean isReference(JsonNode node) {
    return node.isTextual() && node.asText().startsWith(PREFIX);
  }
}
