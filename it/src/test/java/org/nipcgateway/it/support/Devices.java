package org.nipcgateway.it.support;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds device bodies for tests. */
public final class Devices {
  public static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:Device";
  public static final String BLE = "urn:ietf:params:scim:schemas:extension:ble:2.0:Device";
  public static final String ZIGBEE = "urn:ietf:params:scim:schemas:extension:zigbee:2.0:Device";
  public static final String DPP = "urn:ietf:params:scim:schemas:extension:dpp:2.0:Device";
  public static final String SDF = "urn:ietf:params:scim:schemas:extension:sdf:2.0:Device";
  public static final String PASS_KEY =
      "urn:ietf:params:scim:schemas:extension:pairingPassKey:2.0:Device";

  private Devices() {}

  /** A BLE device with passkey pairing; the MAC address is derived from {@code n}. */
  public static ObjectNode ble(String name, int n) {
    ObjectNode device = active(name, BLE);
    ObjectNode ble = (ObjectNode) device.get(BLE);
    ble.putArray("versionSupport").add("5.3");
    ble.put("deviceMacAddress", mac(n));
    ble.put("isRandom", false);
    ble.putArray("pairingMethods").add(PASS_KEY);
    ble.putObject(PASS_KEY).put("key", 123456);
    return device;
  }

  /** A BLE device at that MAC address that needs no pairing. */
  public static ObjectNode bleWithoutPairing(String name, String mac) {
    ObjectNode device = ble(name, 0);
    ObjectNode ble = (ObjectNode) device.get(BLE);
    ble.put("deviceMacAddress", mac);
    ble.putArray("pairingMethods")
        .add("urn:ietf:params:scim:schemas:extension:pairingNull:2.0:Device");
    ble.remove(PASS_KEY);
    return device;
  }

  /** Adds the SCIM sdf extension naming the model the device implements. */
  public static ObjectNode withModel(ObjectNode device, String sdfName) {
    device.withArray("schemas").add(SDF);
    device.putObject(SDF).putArray("sdf").add(sdfName);
    return device;
  }

  public static ObjectNode zigbee(String name, String eui64) {
    ObjectNode device = active(name, ZIGBEE);
    ObjectNode zigbee = (ObjectNode) device.get(ZIGBEE);
    zigbee.putArray("versionSupport").add("3.0");
    zigbee.put("deviceEui64Address", eui64);
    return device;
  }

  /** An active device with an empty object for its one extension. */
  private static ObjectNode active(String name, String extension) {
    ObjectNode device = ScimClient.JSON.createObjectNode();
    device.putArray("schemas").add(CORE).add(extension);
    device.put("displayName", name);
    device.put("active", true);
    device.putObject(extension);
    return device;
  }

  public static String mac(int n) {
    return String.format("02:00:00:%02X:%02X:%02X", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  }
}
