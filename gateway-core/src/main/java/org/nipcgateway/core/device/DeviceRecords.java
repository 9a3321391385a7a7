package org.nipcgateway.core.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.nipcgateway.core.radio.BleAddress;
import org.nipcgateway.core.radio.BleBonding;
import org.nipcgateway.core.radio.BleCredentials;
import org.nipcgateway.core.radio.Eui64;
import org.nipcgateway.core.storage.StoredResource;

/**
 * The one place that turns a stored SCIM Device into a {@link DeviceRecord}. The registry has
 * already checked the schema (address patterns, passkey digits), so what does not parse here is
 * left out rather than failing the operation: an IRK in neither hex nor base64, for one.
 */
public final class DeviceRecords {
  private DeviceRecords() {}

  /** The device's typed view, when the resource is a Device. */
  public static Optional<DeviceRecord> of(StoredResource resource) {
    if (!resource.resourceType().equals(ScimNames.DEVICE)) {
      return Optional.empty();
    }
    JsonNode attributes = resource.attributes();
    return Optional.of(
        new DeviceRecord(
            resource.id(),
            attributes.path("active").asBoolean(false),
            Optional.ofNullable(attributes.path("displayName").textValue()),
            ble(attributes.path(ScimNames.BLE)),
            zigbee(attributes.path(ScimNames.ZIGBEE)),
            texts(attributes.path(ScimNames.SDF).path("sdf")),
            values(attributes.path(ScimNames.ENDPOINT_APPS).path("applications"))));
  }

  /**
   * Whether the device's {@code endpointAppsExt} links the app, without building the whole record:
   * the scope check runs for every event delivered to a data app.
   */
  public static boolean links(StoredResource device, String appId) {
    for (JsonNode app : device.attributes().path(ScimNames.ENDPOINT_APPS).path("applications")) {
      if (appId.equals(app.path("value").asText())) {
        return true;
      }
    }
    return false;
  }

  private static Optional<BleIdentity> ble(JsonNode ble) {
    String mac = ble.path("deviceMacAddress").textValue();
    if (mac == null) {
      return Optional.empty();
    }
    BleAddress.Type type =
        ble.path("isRandom").asBoolean(false) ? BleAddress.Type.RANDOM : BleAddress.Type.PUBLIC;
    List<BleAddress> broadcast = new ArrayList<>();
    for (String address : texts(ble.path("separateBroadcastAddress"))) {
      parse(address, BleAddress.Type.RANDOM).ifPresent(broadcast::add);
    }
    return parse(mac, type)
        .map(address -> new BleIdentity(address, broadcast, pairing(ble), credentials(ble)));
  }

  private static Optional<BleAddress> parse(String address, BleAddress.Type type) {
    try {
      return Optional.of(BleAddress.parse(address, type));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Eui64> zigbee(JsonNode zigbee) {
    String eui64 = zigbee.path("deviceEui64Address").textValue();
    try {
      return Optional.ofNullable(eui64).map(Eui64::parse);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The pairing methods the BLE extension lists, as bonding methods. */
  private static Set<BleBonding> pairing(JsonNode ble) {
    Set<BleBonding> methods = EnumSet.noneOf(BleBonding.class);
    for (String urn : texts(ble.path("pairingMethods"))) {
      if (urn.equals(ScimNames.PAIRING_JUST_WORKS)) {
        methods.add(BleBonding.JUSTWORKS);
      } else if (urn.equals(ScimNames.PAIRING_PASS_KEY)) {
        methods.add(BleBonding.PASSKEY);
      } else if (urn.equals(ScimNames.PAIRING_OOB)) {
        methods.add(BleBonding.OOB);
      } else if (urn.equals(ScimNames.PAIRING_NULL)) {
        methods.add(BleBonding.NONE);
      }
    }
    return methods;
  }

  /** Pairing objects sit in the BLE extension (as the draft's examples do) or at the root. */
  private static BleCredentials credentials(JsonNode ble) {
    JsonNode passKey = ble.path(ScimNames.PAIRING_PASS_KEY).path("key");
    JsonNode oob = ble.path(ScimNames.PAIRING_OOB);
    Optional<BleCredentials.OutOfBand> outOfBand =
        oob.path("key").isTextual()
            ? Optional.of(
                new BleCredentials.OutOfBand(
                    oob.path("key").asText(),
                    optionalLong(oob.path("randomNumber")),
                    optionalLong(oob.path("confirmationNumber"))))
            : Optional.empty();
    return new BleCredentials(
        passKey.canConvertToInt() ? OptionalInt.of(passKey.asInt()) : OptionalInt.empty(),
        outOfBand,
        irk(ble.path("irk").textValue()));
  }

  /** An IRK is 16 bytes, written as 32 hex digits (colons allowed) or as base64. */
  private static Optional<byte[]> irk(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String hex = text.replace(":", "").replace("-", "");
    try {
      if (hex.length() == 32) {
        return Optional.of(HexFormat.of().parseHex(hex));
      }
      byte[] decoded = Base64.getDecoder().decode(text);
      return decoded.length == 16 ? Optional.of(decoded) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static OptionalLong optionalLong(JsonNode node) {
    return node.canConvertToLong() ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static List<String> values(JsonNode multiValued) {
    List<String> values = new ArrayList<>();
    multiValued.forEach(item -> values.add(item.path("value").asText()));
    return values;
  }
}
