package org.nipcgateway.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A SCIM bulk request (RFC 7644, section 3.7): operations to run one after the other, and after how
 * many failures to stop ({@code failOnErrors}; none when absent). The SCIM SDK has no bulk message
 * types, so the few members are read here.
 */
public record BulkRequest(Optional<Integer> failOnErrors, List<BulkOperation> operations) {
  public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  /**
   * Reads a request body; refuses with 400 what RFC 7644 says a request must have, and with 413
   * more operations than {@code maxOperations}.
   */
  public static BulkRequest parse(ObjectNode body, int maxOperations) throws ScimException {
    if (!hasSchema(body)) {
      throw BadRequestException.invalidSyntax("a bulk request's schemas must include " + SCHEMA);
    }
    JsonNode operations = body.get("Operations");
    if (operations == null || !operations.isArray() || operations.isEmpty()) {
      throw BadRequestException.invalidSyntax("a bulk request needs a non-empty Operations array");
    }
    if (operations.size() > maxOperations) {
      throw new ScimException(
          413,
          null,
          "the bulk request has "
              + operations.size()
              + " operations; the most this service takes is "
              + maxOperations);
    }
    Optional<Integer> failOnErrors = Optional.empty();
    JsonNode fail = body.get("failOnErrors");
    if (fail != null && !fail.isNull()) {
      if (!fail.canConvertToExactIntegral() || fail.asInt() < 1) {
        throw BadRequestException.invalidValue("failOnErrors must be a positive integer");
      }
      failOnErrors = Optional.of(fail.asInt());
    }
    List<BulkOperation> parsed = new ArrayList<>();
    Set<String> bulkIds = new HashSet<>();
    for (int i = 0; i < operations.size(); i++) {
      BulkOperation operation = operation(i, operations.get(i));
      if (operation.bulkId().isPresent() && !bulkIds.add(operation.bulkId().get())) {
        throw BadRequestException.invalidValue(
            "Operations[" + i + "]: bulkId '" + operation.bulkId().get() + "' is used twice");
      }
      parsed.add(operation);
    }
    return new BulkRequest(failOnErrors, List.copyOf(parsed));
  }

  private static boolean hasSchema(ObjectNode body) {
    for (JsonNode schema : body.path("schemas")) {
      if (SCHEMA.equals(schema.asText())) {
        return true;
      }
    }
    return false;
  }

  private static BulkOperation operation(int index, JsonNode node) throws ScimException {
    String where = "Operations[" + index + "]";
    if (!node.isObject()) {
      throw BadRequestException.invalidSyntax(where + " must be an object");
    }
    String method = text(node, "method", where).map(m -> m.toUpperCase(Locale.ROOT)).orElse(null);
    if (method == null || !METHODS.contains(method)) {
      throw BadRequestException.invalidValue(where + ".method must be POST, PUT, PATCH or DELETE");
    }
    String path =
        text(node, "path", where)
            .orElseThrow(() -> BadRequestException.invalidValue(where + ".path is required"));
    Optional<String> bulkId = text(node, "bulkId", where);
    if (method.equals("POST") && bulkId.isEmpty()) {
      throw BadRequestException.invalidValue(where + ": a POST needs a bulkId");
    }
    if (bulkId.isPresent() && bulkId.get().isBlank()) {
      throw BadRequestException.invalidValue(where + ".bulkId must not be empty");
    }
    JsonNode data = node.get("data");
    if (!method.equals("DELETE") && (data == null || !data.isObject())) {
      throw BadRequestException.invalidValue(where + ": a " + method + " needs an object in data");
    }
    return new BulkOperation(
        index,
        method,
        bulkId,
        text(node, "version", where),
        path,
        data == null || !data.isObject() ? Optional.empty() : Optional.of((ObjectNode) data));
  }

  private static Optional<String> text(JsonNode node, String member, String where)
      throws ScimException {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw BadRequestException.invalidValue(where + "." + member + " must be a string");
    }
    return Optional.of(value.asText());
  }
}
