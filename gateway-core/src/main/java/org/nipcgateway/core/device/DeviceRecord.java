package org.nipcgateway.core.device;

import java.util.List;
import java.util.Optional;
import org.nipcgateway.core.radio.Eui64;

/**
 * A SCIM Device as the gateway works with it: typed, read once from its stored JSON by {@link
 * DeviceRecords}. The engine, security and streaming use this instead of reading SCIM JSON.
 *
 * @param sdfReferences the SDF models (or affordances) its {@code sdf} extension names
 * @param endpointApps the ids of the endpoint apps its {@code endpointAppsExt} links it to
 */
public record DeviceRecord(
    String id,
    boolean active,
    Optional<String> displayName,
    Optional<BleIdentity> ble,
    Optional<Eui64> zigbee,
    List<String> sdfReferences,
    List<String> endpointApps) {

  public DeviceRecord {
    sdfReferences = List.copyOf(sdfReferences);
    endpointApps = List.copyOf(endpointApps);
  }

  /**
   * Whether the device implements the affordance: one of its SCIM {@code sdf} references covers the
   * global name. A device without references (no {@code sdf} extension) may be operated with any
   * registered model, as long as the model maps the affordance to the device's radio: the fallback
   * for registries that do not bind devices to models.
   */
  public boolean implementsAffordance(String globalName) {
    if (sdfReferences.isEmpty()) {
      return true;
    }
    for (String reference : sdfReferences) {
      if (isUnder(globalName, reference)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} is {@code prefix + "/…"}, without building that string per request. */
  public static boolean isUnder(String name, String prefix) {
    return name.length() > prefix.length()
        && name.charAt(prefix.length()) == '/'
        && name.startsWith(prefix);
  }
}
