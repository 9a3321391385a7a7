package org.nipcgateway.scim.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.server.utils.ScimResourceTrimmer;
import java.util.Set;
import org.nipcgateway.core.security.SecretAttributes;
import org.nipcgateway.scim.schema.ScimResourceType;

/**
 * Removes from a view what the response must not carry: attributes whose schema says {@code
 * returned: never}, and those left out by the client's attribute selection.
 */
public final class ResponseShaper {
  private ResponseShaper() {}

  public static ObjectNode shape(
      ScimResourceType type, ObjectNode view, AttributeSelection selection) {
    // The trimmer knows the schemas' top-level attributes; the pairing objects the BLE extension
    // nests are not in its definition, so their secrets are removed by name as well.
    return SecretAttributes.strip(
        new ScimResourceTrimmer(
                type.definition(), Set.of(), selection.paths(), selection.excluded())
            .trimObjectNode(view));
  }
}
