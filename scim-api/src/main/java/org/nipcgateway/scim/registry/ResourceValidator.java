package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.utils.JsonUtils;
import com.unboundid.scim2.common.utils.SchemaUtils;
import com.unboundid.scim2.server.utils.SchemaChecker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nipcgateway.core.security.SecretAttributes;
import org.nipcgateway.scim.schema.AttributeRule;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * Checks what a client asks to store against the schemas, and normalises it into the form the
 * registry stores: canonical schema URNs, no read-only or server-maintained attributes, no nulls.
 *
 * <p>Attribute characteristics (required, type, mutability, undefined attributes) are checked by
 * the SCIM SDK's {@link SchemaChecker}; this class adds what the SDK does not know: schema URN
 * aliases, the pairing-method objects nested in the BLE extension, and our value patterns.
 */
public final class ResourceValidator {
  private final ScimSchemaCatalog catalog;
  private final PairingMethodsValidator pairing;

  public ResourceValidator(ScimSchemaCatalog catalog) {
    this.catalog = catalog;
    this.pairing = new PairingMethodsValidator(catalog);
  }

  /** Validates a new resource; returns the attributes to store. */
  public ObjectNode forCreate(ScimResourceType type, ObjectNode input) throws ScimException {
    ObjectNode candidate = normalise(type, input);
    ObjectNode nested = pairing.detach(candidate);
    SchemaIssues.throwIfAny(checker(type).checkCreate(candidate));
    pairing.check(candidate, nested);
    checkRules(candidate);
    pairing.attach(candidate, nested);
    return candidate;
  }

  /**
   * Validates a replacement of {@code current} (stored attributes); immutable attributes may not
   * change. With {@code keepUnreadable} (PUT), never-returned attributes that the client could not
   * have read back are kept when the replacement omits them; PATCH says what it removes.
   */
  public ObjectNode forReplace(
      ScimResourceType type, ObjectNode input, ObjectNode current, boolean keepUnreadable)
      throws ScimException {
    ObjectNode candidate = normalise(type, input);
    if (keepUnreadable) {
      keepUnreadableAttributes(type, candidate, current);
    }
    ObjectNode nested = pairing.detach(candidate);
    ObjectNode currentCopy = current.deepCopy();
    pairing.detach(currentCopy);
    // checkReplace looks at mutability only; required attributes and types as for a create.
    SchemaIssues.throwIfAny(checker(type).checkCreate(candidate));
    SchemaIssues.throwIfAny(checker(type).checkReplace(candidate, currentCopy));
    pairing.check(candidate, nested);
    checkRules(candidate);
    pairing.attach(candidate, nested);
    return candidate;
  }

  /** Checks that PATCH operations only touch attributes clients may change. */
  public void checkPatch(
      ScimResourceType type,
      Iterable<com.unboundid.scim2.common.messages.PatchOperation> ops,
      ObjectNode view)
      throws ScimException {
    ObjectNode copy = view.deepCopy();
    pairing.detach(copy);
    SchemaIssues.throwIfAny(checker(type).checkModify(ops, copy));
  }

  private SchemaChecker checker(ScimResourceType type) {
    return new SchemaChecker(type.definition());
  }

  private ObjectNode normalise(ScimResourceType type, ObjectNode input) throws ScimException {
    ObjectNode candidate = input.deepCopy();
    removeNulls(candidate);
    candidate.remove("id");
    candidate.remove("meta");
    Set<String> schemas = schemaUrns(type, candidate);
    renameAliasedExtensions(candidate);
    for (Iterator<String> keys = candidate.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (SchemaUtils.isUrn(key)) {
        if (!type.hasSchema(key)) {
          throw BadRequestException.invalidValue(
              "'" + key + "' is not a schema extension of " + type.name());
        }
        schemas.add(key);
      }
    }
    ArrayNode array = candidate.putArray("schemas");
    schemas.forEach(array::add);
    return checker(type).removeReadOnlyAttributes(candidate);
  }

  private Set<String> schemaUrns(ScimResourceType type, ObjectNode candidate) throws ScimException {
    JsonNode schemas = candidate.get("schemas");
    if (schemas == null || !schemas.isArray() || schemas.isEmpty()) {
      throw BadRequestException.invalidValue("'schemas' must be a non-empty array of schema URNs");
    }
    Set<String> urns = new LinkedHashSet<>();
    for (JsonNode urn : schemas) {
      if (!urn.isTextual()) {
        throw BadRequestException.invalidSyntax("'schemas' must contain strings only");
      }
      String canonical = catalog.canonicalUrn(urn.asText());
      if (!type.hasSchema(canonical)) {
        throw BadRequestException.invalidValue(
            "schema '" + urn.asText() + "' is unknown for resource type " + type.name());
      }
      urns.add(canonical);
    }
    if (!urns.contains(type.coreSchema().getId())) {
      throw BadRequestException.invalidValue("'schemas' must include " + type.coreSchema().getId());
    }
    return urns;
  }

  private void renameAliasedExtensions(ObjectNode candidate) {
    List<String> keys = new ArrayList<>();
    candidate.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      String canonical = catalog.canonicalUrn(key);
      if (!canonical.equals(key)) {
        candidate.set(canonical, candidate.remove(key));
      }
    }
  }

  /** RFC 7643 section 2.5: a null value means the attribute is unassigned. */
  static void removeNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().removeIf(e -> e.getValue().isNull());
      object.forEach(ResourceValidator::removeNulls);
    } else if (node instanceof ArrayNode array) {
      for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
        JsonNode element = it.next();
        if (element.isNull()) {
          it.remove();
        } else {
          removeNulls(element);
        }
      }
    }
  }

  private void keepUnreadableAttributes(
      ScimResourceType type, ObjectNode candidate, ObjectNode current) {
    Set<String> listed = new java.util.HashSet<>();
    candidate.path("schemas").forEach(urn -> listed.add(urn.asText()));
    for (var schema : type.extensions()) {
      for (var attribute : schema.getAttributes()) {
        JsonNode old = current.path(schema.getId()).get(attribute.getName());
        if (attribute.getReturned() != AttributeDefinition.Returned.NEVER || old == null) {
          continue;
        }
        // An extension that held only never-returned values reads back without its object, so a
        // client replacing what it read may list the extension but send no object for it.
        JsonNode existing = candidate.get(schema.getId());
        ObjectNode extension =
            existing instanceof ObjectNode object
                ? object
                : listed.contains(schema.getId()) ? candidate.putObject(schema.getId()) : null;
        if (extension != null && !extension.has(attribute.getName())) {
          extension.set(attribute.getName(), old.deepCopy());
        }
      }
    }
    // The pairing objects nested in the BLE extension read back without their secrets too.
    for (List<String> path : SecretAttributes.PATHS) {
      if (path.size() != 3) {
        continue;
      }
      JsonNode old = current.path(path.get(0)).path(path.get(1)).get(path.get(2));
      JsonNode parent = candidate.path(path.get(0)).get(path.get(1));
      if (old != null && parent instanceof ObjectNode object && !object.has(path.get(2))) {
        object.set(path.get(2), old.deepCopy());
      }
    }
  }

  private void checkRules(ObjectNode candidate) throws ScimException {
    for (AttributeRule rule : catalog.rules()) {
      for (JsonNode value : values(rule, candidate)) {
        if (rule.pattern().isPresent()
            && !(value.isTextual() && rule.pattern().get().matcher(value.asText()).matches())) {
          throw BadRequestException.invalidValue(
              "'"
                  + rule.path()
                  + "' value "
                  + value
                  + " does not match "
                  + rule.pattern().get().pattern());
        }
        if (!rule.enforcedValues().isEmpty() && !rule.enforcedValues().contains(value.asText())) {
          throw BadRequestException.invalidValue(
              "'" + rule.path() + "' must be one of " + rule.enforcedValues() + ", got " + value);
        }
      }
    }
  }

  private static List<JsonNode> values(AttributeRule rule, ObjectNode candidate)
      throws ScimException {
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode found : JsonUtils.findMatchingPaths(rule.path(), candidate)) {
      if (found.isArray()) {
        found.forEach(values::add);
      } else {
        values.add(found);
      }
    }
    return values;
  }
}
