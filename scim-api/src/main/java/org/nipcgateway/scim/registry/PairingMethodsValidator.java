package org.nipcgateway.scim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.server.utils.SchemaChecker;
import java.util.HashSet;
import java.util.Set;
import org.nipcgateway.core.device.ScimNames;
import org.nipcgateway.scim.schema.ScimResourceType;
import org.nipcgateway.scim.schema.ScimSchemaCatalog;

/**
 * The BLE extension nests one object per pairing method inside itself, named by the method's schema
 * URN; the SCIM SDK has no notion of nested extensions, so they are taken out before the SDK checks
 * the resource and checked here, each against its own schema.
 */
final class PairingMethodsValidator {
  private static final String PASS_KEY = ScimNames.PAIRING_PASS_KEY;
  private static final String OOB = ScimNames.PAIRING_OOB;
  private static final Set<String> NEED_DATA = Set.of(PASS_KEY, OOB);
  private static final int MAX_PASS_KEY = 999_999;

  private final ScimSchemaCatalog catalog;

  PairingMethodsValidator(ScimSchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /** Removes the nested pairing objects from the BLE extension and returns them by URN. */
  ObjectNode detach(ObjectNode resource) {
    ObjectNode nested = resource.objectNode();
    JsonNode ble = resource.get(ScimSchemaCatalog.BLE_EXTENSION);
    if (ble instanceof ObjectNode extension) {
      for (String urn : catalog.pairingTypes().keySet()) {
        JsonNode value = extension.remove(urn);
        if (value != null) {
          nested.set(urn, value);
        }
      }
    }
    return nested;
  }

  void attach(ObjectNode resource, ObjectNode nested) {
    JsonNode ble = resource.get(ScimSchemaCatalog.BLE_EXTENSION);
    if (ble instanceof ObjectNode extension) {
      extension.setAll(nested);
    }
  }

  void check(ObjectNode resource, ObjectNode nested) throws ScimException {
    JsonNode ble = resource.get(ScimSchemaCatalog.BLE_EXTENSION);
    if (ble == null) {
      if (!nested.isEmpty()) {
        throw BadRequestException.invalidValue("pairing methods belong inside the BLE extension");
      }
      return;
    }
    Set<String> listed = new HashSet<>();
    for (JsonNode method : ble.path("pairingMethods")) {
      String urn = method.asText();
      if (!catalog.pairingTypes().containsKey(urn)) {
        throw BadRequestException.invalidValue("unknown pairing method " + urn);
      }
      listed.add(urn);
    }
    for (var entry : nested.properties()) {
      if (!listed.contains(entry.getKey())) {
        throw BadRequestException.invalidValue(
            entry.getKey() + " is given but not listed in pairingMethods");
      }
      checkMethod(entry.getKey(), entry.getValue());
    }
    for (String urn : listed) {
      if (NEED_DATA.contains(urn) && !nested.has(urn)) {
        throw BadRequestException.invalidValue("pairing method " + urn + " needs its key data");
      }
    }
    if (ble.has("irk") && ble.has("separateBroadcastAddress")) {
      throw BadRequestException.invalidValue(
          "irk and separateBroadcastAddress must not be set together");
    }
  }

  private void checkMethod(String urn, JsonNode value) throws ScimException {
    if (!value.isObject()) {
      throw BadRequestException.invalidSyntax(urn + " must be an object");
    }
    ScimResourceType type = catalog.pairingTypes().get(urn);
    ObjectNode standalone = ((ObjectNode) value).deepCopy();
    standalone.putArray("schemas").add(urn);
    SchemaIssues.throwIfAny(new SchemaChecker(type.definition()).checkCreate(standalone));
    if (urn.equals(PASS_KEY)) {
      long key = value.path("key").asLong(-1);
      if (!value.path("key").isIntegralNumber() || key < 0 || key > MAX_PASS_KEY) {
        throw BadRequestException.invalidValue(
            "passkey must be a six-digit number (000000-999999)");
      }
    }
  }
}
