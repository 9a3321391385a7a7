package org.nipcgateway.core.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.nipcgateway.core.device.ScimNames;

/**
 * The registry attributes that are secrets (draft-ietf-scim-device-model: write-only, never
 * returned): BLE identity resolving keys, passkeys and out-of-band pairing data (also where the BLE
 * extension nests the pairing objects), DPP bootstrapping keys and FDO ownership vouchers. The
 * store seals them on disk; responses never carry them.
 */
public final class SecretAttributes {
  private static final String BLE = ScimNames.BLE;
  private static final String PASS_KEY = ScimNames.PAIRING_PASS_KEY;
  private static final String OOB = ScimNames.PAIRING_OOB;

  /** Where secrets live, as paths of member names from the resource's root. */
  public static final List<List<String>> PATHS =
      List.of(
          List.of(BLE, "irk"),
          List.of(BLE, PASS_KEY, "key"),
          List.of(BLE, OOB, "key"),
          List.of(BLE, OOB, "randomNumber"),
          List.of(BLE, OOB, "confirmationNumber"),
          List.of(PASS_KEY, "key"),
          List.of(OOB, "key"),
          List.of(OOB, "randomNumber"),
          List.of(OOB, "confirmationNumber"),
          List.of(ScimNames.DPP, "bootstrapKey"),
          List.of(ScimNames.FDO_DRAFT_SPELLING, "fdoVoucher"),
          List.of(ScimNames.FDO, "fdoVoucher"));

  private SecretAttributes() {}

  /** Removes every secret from a resource view (in place). */
  public static ObjectNode strip(ObjectNode view) {
    for (List<String> path : PATHS) {
      ObjectNode parent = parent(view, path);
      if (parent != null) {
        parent.remove(path.get(path.size() - 1));
      }
    }
    return view;
  }

  /** The object that holds the path's last member, or null when the path does not exist. */
  public static ObjectNode parent(ObjectNode root, List<String> path) {
    JsonNode node = root;
    for (String name : path.subList(0, path.size() - 1)) {
      node = node.get(name);
      if (!(node instanceof ObjectNode)) {
        return null;
      }
    }
    return (ObjectNode) node;
  }
}
