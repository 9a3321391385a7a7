package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;

/**
 * Pairing as the SCIM BLE extension asks for it, on every row: a passkey peripheral pairs with the
 * device's key and refuses another one; a Just Works peripheral pairs with no key.
 */
@RadioScenario
class NipcBlePairingTest {
  private static final String RIGHT_KEY = "C0:FF:EE:00:0A:01";
  private static final String WRONG_KEY = "C0:FF:EE:00:0A:02";
  private static final String JUST_WORKS = "C0:FF:EE:00:0A:03";
  private static final String LEVEL =
      "https://example.com/battery#/sdfObject/battery/sdfProperty/level";
  private static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  BlePeripheral.at(RIGHT_KEY, characteristic("180F", "2A19", "ZA==", "read"))
                      .put("pairing", "passkey")
                      .put("passkey", 123456),
                  BlePeripheral.at(WRONG_KEY, characteristic("180F", "2A19", "ZA==", "read"))
                      .put("pairing", "passkey")
                      .put("passkey", 654321),
                  BlePeripheral.at(JUST_WORKS, characteristic("180F", "2A19", "Mg==", "read"))
                      .put("pairing", "justworks")));

  @Parameter RadioRow row;

  private static String rightKey;
  private static String wrongKey;
  private static String justWorks;

  @BeforeParameterizedClassInvocation
  static void registerModelAndDevices() {
    ScimClient scim = gateway.scim();
    String battery =
        "{\"namespace\":{\"b\":\"https://example.com/battery\"},\"defaultNamespace\":\"b\",\"sdfObject\":{\"battery\":"
            + "{\"sdfProperty\":{\"level\":{\"type\":\"integer\",\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"180f\",\"characteristicID\":\"2a19\"}}}}}}}";
    assertThat(
            scim.post("/nipc/registrations/models", battery, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    rightKey = register(scim, passkeyDevice("right key", RIGHT_KEY));
    wrongKey = register(scim, passkeyDevice("wrong key", WRONG_KEY));
    ObjectNode just = Devices.bleWithoutPairing("just works", JUST_WORKS);
    ((ObjectNode) just.get(Devices.BLE))
        .putArray("pairingMethods")
        .add("urn:ietf:params:scim:schemas:extension:pairingJustWorks:2.0:Device");
    justWorks = register(scim, just);
  }

  /** Devices.ble pairs by passkey with key 123456. */
  private static ObjectNode passkeyDevice(String name, String mac) {
    ObjectNode device = Devices.ble(name, 0);
    ((ObjectNode) device.get(Devices.BLE)).put("deviceMacAddress", mac);
    return device;
  }

  private static String register(ScimClient scim, ObjectNode device) {
    Devices.withModel(device, "https://example.com/battery#/sdfObject/battery");
    return scim.create("/Devices", device).path("id").asText();
  }

  private static Reply readLevel(String device) {
    return gateway
        .scim()
        .get("/nipc/devices/" + device + "/properties?propertyName=" + ScimClient.encode(LEVEL));
  }

  @Test
  void passkey_pairing_with_the_devices_key_reads() {
    Reply reply = readLevel(rightKey);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.json().get(0).path("value").asText()).isEqualTo("ZA==");
  }

  @Test
  void passkey_pairing_with_another_key_is_bonding_failed() {
    Reply reply = readLevel(wrongKey);
    assertThat(reply.json().get(0).path("type").asText())
        .as(reply.text())
        .isEqualTo(PROBLEM + "protocolmap-ble-bonding-failed");
  }

  @Test
  void just_works_pairing_reads() {
    Reply reply = readLevel(justWorks);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.json().get(0).path("value").asText()).isEqualTo("Mg==");
  }
}
