package org.nipcgateway.core.nipc.problem;

/**
 * The draft's NIPC problem types, one constant each, so a misspelt type fails to compile instead of
 * becoming a 500. A constant holds only the wire name (the fragment of the type URI); status and
 * title come from the catalog ({@link ProblemTypes}), which is data. Tests hold this list equal to
 * the catalog and to the draft's.
 */
public enum NipcProblem {
  INVALID_ID("invalid-id"),
  INVALID_SDF_URL("invalid-sdf-url"),
  EXTENSION_OPERATION_NOT_EXECUTED("extension-operation-not-executed"),
  SDF_MODEL_ALREADY_REGISTERED("sdf-model-already-registered"),
  SDF_MODEL_IN_USE("sdf-model-in-use"),
  UNSUPPORTED_URI_SCHEME("unsupported-uri-scheme"),
  PROPERTY_NOT_READABLE("property-not-readable"),
  PROPERTY_NOT_WRITABLE("property-not-writable"),
  PROPERTY_READ_FAILED("property-read-failed"),
  PROPERTY_WRITE_FAILED("property-write-failed"),
  EVENT_ALREADY_ENABLED("event-already-enabled"),
  EVENT_NOT_ENABLED("event-not-enabled"),
  EVENT_NOT_REGISTERED("event-not-registered"),
  TRIGGER_ALREADY_ENABLED("trigger-already-enabled"),
  PROTOCOLMAP_BLE_ALREADY_CONNECTED("protocolmap-ble-already-connected"),
  PROTOCOLMAP_BLE_NO_CONNECTION("protocolmap-ble-no-connection"),
  PROTOCOLMAP_BLE_CONNECTION_TIMEOUT("protocolmap-ble-connection-timeout"),
  PROTOCOLMAP_BLE_BONDING_FAILED("protocolmap-ble-bonding-failed"),
  PROTOCOLMAP_BLE_CONNECTION_FAILED("protocolmap-ble-connection-failed"),
  PROTOCOLMAP_BLE_SERVICE_DISCOVERY_FAILED("protocolmap-ble-service-discovery-failed"),
  PROTOCOLMAP_BLE_INVALID_SERVICE_OR_CHARACTERISTIC(
      "protocolmap-ble-invalid-service-or-characteristic"),
  PROTOCOLMAP_ZIGBEE_CONNECTION_TIMEOUT("protocolmap-zigbee-connection-timeout"),
  PROTOCOLMAP_ZIGBEE_INVALID_ENDPOINT_OR_CLUSTER("protocolmap-zigbee-invalid-endpoint-or-cluster"),
  EXTENSION_TRANSMIT_INVALID_DATA("extension-transmit-invalid-data"),
  EXTENSION_FIRMWARE_ROLLBACK("extension-firmware-rollback"),
  EXTENSION_FIRMWARE_UPDATE_FAILED("extension-firmware-update-failed");

  private final String wireName;

  NipcProblem(String wireName) {
    this.wireName = wireName;
  }

  /** The name as the draft spells it, e.g. {@code invalid-id}: the type URI's fragment. */
  /** The type with that wire name, e.g. {@code property-read-failed}. */
  public static java.util.Optional<NipcProblem> byWireName(String name) {
    return java.util.Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
  }

  public String wireName() {
    return wireName;
  }
}
