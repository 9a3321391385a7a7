package org.nipcgateway.core.device;

/**
 * The registry's vocabulary in one place: SCIM resource-type names and the schema URNs of
 * draft-ietf-scim-device-model's core schema and extensions, as stored resources carry them.
 */
public final class ScimNames {
  public static final String DEVICE = "Device";
  public static final String ENDPOINT_APP = "EndpointApp";
  public static final String GROUP = "Group";

  /**
   * The key, in a stored resource's secrets, of the id of the caller that created it (SCIM objects
   * and SDF models); kept out of every response.
   */
  public static final String OWNER_SECRET = "owner";

  private static final String EXTENSION = "urn:ietf:params:scim:schemas:extension:";

  public static final String CORE_DEVICE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Device";
  public static final String ENDPOINT_APP_SCHEMA =
      "urn:ietf:params:scim:schemas:core:2.0:EndpointApp";
  public static final String BLE = EXTENSION + "ble:2.0:Device";
  public static final String ZIGBEE = EXTENSION + "zigbee:2.0:Device";
  public static final String SDF = EXTENSION + "sdf:2.0:Device";
  public static final String ENDPOINT_APPS = EXTENSION + "endpointAppsExt:2.0:Device";
  public static final String DPP = EXTENSION + "dpp:2.0:Device";
  public static final String ETHERNET_MAB = EXTENSION + "ethernet-mab:2.0:Device";
  public static final String FDO = EXTENSION + "fido-device-onboard:2.0:Device";

  /** The FDO spelling of the draft's JSON files, which stored resources may carry too. */
  public static final String FDO_DRAFT_SPELLING = EXTENSION + "fido-device-onboard:2.0:Devices";

  public static final String PAIRING_NULL = EXTENSION + "pairingNull:2.0:Device";
  public static final String PAIRING_JUST_WORKS = EXTENSION + "pairingJustWorks:2.0:Device";
  public static final String PAIRING_PASS_KEY = EXTENSION + "pairingPassKey:2.0:Device";
  public static final String PAIRING_OOB = EXTENSION + "pairingOOB:2.0:Device";

  private ScimNames() {}
}
