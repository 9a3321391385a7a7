package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.CborCheck;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.World;

/**
 * Devices that do not advertise from the address they are registered with still have their
 * advertisements delivered: one that advertises from a resolvable private address, found with the
 * identity resolving key of its SCIM record, and one that advertises from a separate broadcast
 * address. A device whose key does not resolve the address gets none of them.
 */
class BleHiddenAddressTest {
  /** The Bluetooth Core specification's sample IRK, and the address it resolves (prand 708194). */
  private static final String IRK = "ec0234a357c8ad05341010a60a397d9b";

  private static final String PRIVATE_ADDRESS = "70:81:94:0D:FB:AA";
  private static final String BROADCAST_ADDRESS = "AA:BB:88:77:22:11";
  private static final String MODEL = "https://example.com/hidden#/sdfObject/tag";
  private static final String SEEN = MODEL + "/sdfEvent/seen";

  /** A tag whose only affordance is the advertisements it sends. */
  private static final String TAG_MODEL =
      "{'namespace':{'h':'https://example.com/hidden'},'defaultNamespace':'h',"
          + "'sdfObject':{'tag':{'sdfEvent':{'seen':"
          + "{'sdfProtocolMap':{'ble':{'type':'advertisements'}}}}}}}";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  BlePeripheral.at(PRIVATE_ADDRESS, characteristic("180F", "2A19", "ZA==", "read")),
                  BlePeripheral.at(
                      BROADCAST_ADDRESS, characteristic("180F", "2A19", "ZA==", "read"))));

  private static String privateTag;
  private static String broadcastTag;
  private static String stranger;
  private static String dataApp;
  private static String dataAppToken;

  private static ScimClient http() {
    return gateway.scim();
  }

  private static String tag(String name, String mac, String attribute, Object value) {
    ObjectNode body = Devices.withModel(Devices.bleWithoutPairing(name, mac), MODEL);
    ObjectNode ble = (ObjectNode) body.get(Devices.BLE);
    ble.set(attribute, ScimClient.JSON.valueToTree(value));
    return http().create("/Devices", body).path("id").asText();
  }

  @BeforeAll
  static void provision() {
    Reply model =
        http()
            .post(
                "/nipc/registrations/models",
                TAG_MODEL.replace('\'', '"'),
                "Content-Type",
                "application/sdf+json");
    assertThat(model.status()).as(model.text()).isEqualTo(201);
    privateTag = tag("private tag", "C4:00:00:00:00:01", "irk", IRK);
    broadcastTag =
        tag(
            "broadcast tag",
            "C4:00:00:00:00:02",
            "separateBroadcastAddress",
            List.of(BROADCAST_ADDRESS));
    stranger = tag("stranger", "C4:00:00:00:00:03", "irk", "00112233445566778899aabbccddeeff");

    JsonNode app = http().create("/EndpointApps", EndpointApps.of("telemetry", "tag watcher"));
    dataApp = app.path("id").asText();
    dataAppToken = app.path("clientToken").asText();
    Links.group(http(), dataApp, List.of(privateTag, broadcastTag, stranger));
    Reply registered =
        http()
            .post(
                "/nipc/registrations/data-apps?dataAppId=" + dataApp,
                new JsonObject()
                    .put("events", new JsonArray().add(new JsonObject().put("event", SEEN)))
                    .put("mqttClient", true)
                    .encode(),
                "Content-Type",
                "application/json");
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
  }

  private static void enable(String device) {
    Reply reply =
        http()
            .post("/nipc/devices/" + device + "/events?eventName=" + ScimClient.encode(SEEN), null);
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
  }

  @Test
  void advertisements_from_a_resolvable_private_or_separate_broadcast_address_reach_the_device()
      throws Exception {
    int port = http().get("/streaming").json().path("mqtt").path("port").asInt();
    try (MosquittoSub sub =
        MosquittoSub.start(port, dataApp, dataAppToken, "data-app/" + dataApp + "/#")) {
      assertThat(sub.granted()).isEqualTo(1);
      enable(privateTag);
      enable(broadcastTag);
      enable(stranger);

      Eventually.eventually(
          "advertisements of both tags arrived",
          () -> {
            JsonNode items = CborCheck.decode(sub.messages().stream().map(m -> m[1]).toList());
            List<String> devices = items.findValuesAsText("deviceID");
            return devices.contains(privateTag) && devices.contains(broadcastTag);
          });
      JsonNode items = CborCheck.decode(sub.messages().stream().map(m -> m[1]).toList());
      assertThat(items.findValuesAsText("deviceID")).doesNotContain(stranger);
      assertThat(items.findValuesAsText("kind")).containsOnly("bleAdvertisement");
    }
  }
}
