package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.core.events.UnonboardedAdvertisement;
import org.nipcgateway.it.support.CborCheck;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.OperatorTokens;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.BlePeripheral;
import org.nipcgateway.it.support.radio.World;

/**
 * Advertisements of devices that are not onboarded reach a data app only once an operator granted
 * them, and only those that pass the grant's filter: without {@code deviceID}, without RSSI unless
 * granted, never those of an onboarded device. Three peripherals advertise: an onboarded tag and a
 * stranger, both with the battery service, and a stranger with another service.
 */
class NipcUnonboardedAdvertisementsTest {
  private static final String ROUTE = "/radios/ble/unonboarded-advertisements/";
  private static final String TAG = "C4:00:00:00:00:01";
  private static final String STRANGER = "D5:00:00:00:00:01";
  private static final String OTHER_STRANGER = "D5:00:00:00:00:02";

  /** Flags, the 16-bit service 180F, manufacturer data of company 0x004C. */
  private static final byte[] BATTERY_AD = HexFormat.of().parseHex("02010603030f1805ff4c000102");

  /** Flags and the 16-bit service 1809. */
  private static final byte[] THERMOMETER_AD = HexFormat.of().parseHex("0201060303091803");

  private static final String MODEL = "https://example.com/unonboarded#/sdfObject/tag";
  private static final String SEEN = MODEL + "/sdfEvent/seen";
  private static final String TAG_MODEL =
      "{'namespace':{'u':'https://example.com/unonboarded'},'defaultNamespace':'u',"
          + "'sdfObject':{'tag':{'sdfEvent':{'seen':"
          + "{'sdfProtocolMap':{'ble':{'type':'advertisements'}}}}}}}";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  advertising(TAG, BATTERY_AD),
                  advertising(STRANGER, BATTERY_AD),
                  advertising(OTHER_STRANGER, THERMOMETER_AD)));

  private static String tag;
  private static String dataApp;
  private static String dataAppToken;

  private static JsonObject advertising(String mac, byte[] data) {
    return BlePeripheral.at(mac, characteristic("180F", "2A19", "ZA==", "read"))
        .put("advertisingData", Base64.getEncoder().encodeToString(data))
        .put("rssi", -42);
  }

  private static ScimClient http() {
    return gateway.scim();
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
    ObjectNode body = Devices.withModel(Devices.bleWithoutPairing("tag", TAG), MODEL);
    tag = http().create("/Devices", body).path("id").asText();
    JsonNode app = http().create("/EndpointApps", EndpointApps.of("telemetry", "site survey"));
    dataApp = app.path("id").asText();
    dataAppToken = app.path("clientToken").asText();
    Links.group(http(), dataApp, List.of(tag));
    register(dataApp);
    Reply enabled =
        http().post("/nipc/devices/" + tag + "/events?eventName=" + ScimClient.encode(SEEN), null);
    assertThat(enabled.status()).as(enabled.text()).isEqualTo(201);
  }

  private static void register(String app) {
    Reply registered =
        http()
            .post(
                "/nipc/registrations/data-apps?dataAppId=" + app,
                new JsonObject()
                    .put("events", new JsonArray().add(new JsonObject().put("event", SEEN)))
                    .put("mqttClient", true)
                    .encode(),
                "Content-Type",
                "application/json");
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
  }

  private static MosquittoSub subscribe() {
    int port = http().get("/streaming").json().path("mqtt").path("port").asInt();
    MosquittoSub sub =
        MosquittoSub.start(port, dataApp, dataAppToken, "data-app/" + dataApp + "/#");
    assertThat(sub.granted()).isEqualTo(1);
    return sub;
  }

  private static Reply grant(ScimClient client, String app, String body) {
    return client.put(ROUTE + app, body, "Content-Type", "application/json");
  }

  private static List<String[]> on(MosquittoSub sub, Predicate<String> topic) {
    return sub.messages().stream().filter(m -> topic.test(m[0])).toList();
  }

  private static boolean unonboarded(String topic) {
    return topic.endsWith("/" + UnonboardedAdvertisement.TOPIC_PATH);
  }

  /** The decoded DataSubscriptions published so far on the not-onboarded topic. */
  private static JsonNode unonboardedItems(MosquittoSub sub) {
    List<String> payloads =
        on(sub, NipcUnonboardedAdvertisementsTest::unonboarded).stream().map(m -> m[1]).toList();
    return payloads.isEmpty() ? ScimClient.JSON.createArrayNode() : CborCheck.decode(payloads);
  }

  /**
   * Waits until the onboarded tag's own advertisement event arrived {@code count} more times: every
   * peripheral advertises once per round, so by then the strangers did too.
   */
  private static void roundsPass(MosquittoSub sub, int count) {
    int before = on(sub, t -> !unonboarded(t)).size();
    Eventually.eventually(
        count + " more advertisements of the onboarded tag",
        () -> on(sub, t -> !unonboarded(t)).size() >= before + count);
  }

  @Test
  void without_a_grant_no_advertisement_of_a_not_onboarded_device_is_delivered() {
    try (MosquittoSub sub = subscribe()) {
      roundsPass(sub, 3);
      assertThat(on(sub, NipcUnonboardedAdvertisementsTest::unonboarded)).isEmpty();
      assertThat(http().get(ROUTE.substring(0, ROUTE.length() - 1)).json().path("grants"))
          .isEmpty();
    }
  }

  @Test
  void a_granted_data_app_receives_the_filtered_advertisements_without_device_id_or_rssi() {
    try (MosquittoSub sub = subscribe()) {
      Reply granted = grant(http(), dataApp, "{\"serviceUuids\":[\"180F\"]}");
      assertThat(granted.status()).as(granted.text()).isEqualTo(201);
      assertThat(granted.json().path("serviceUuids").get(0).asText())
          .isEqualTo("0000180f-0000-1000-8000-00805f9b34fb");
      assertThat(granted.json().path("includeRssi").asBoolean()).isFalse();
      assertThat(granted.json().path("maxPerSecond").asInt()).isEqualTo(10);

      Eventually.eventually(
          "an advertisement of the stranger arrived", () -> unonboardedItems(sub).size() > 0);
      roundsPass(sub, 2);
      JsonNode items = unonboardedItems(sub);
      assertThat(items.findValuesAsText("kind")).containsOnly("bleAdvertisement");
      assertThat(items.findValues("deviceID")).allMatch(JsonNode::isNull);
      assertThat(items.findValuesAsText("macAddress")).containsOnly(STRANGER);
      assertThat(items.findValues("rssi")).isEmpty();
      assertThat(on(sub, NipcUnonboardedAdvertisementsTest::unonboarded))
          .allMatch(m -> m[1].toLowerCase().contains(HexFormat.of().formatHex(BATTERY_AD)));
      assertThat(
              on(sub, NipcUnonboardedAdvertisementsTest::unonboarded).stream()
                  .map(m -> m[0])
                  .distinct())
          .containsExactly("data-app/" + dataApp + "/unonboarded/bleAdvertisement");
      assertThat(http().get(ROUTE + dataApp).json().path("delivered").asLong()).isPositive();

      Reply withRssi =
          grant(http(), dataApp, "{\"companyIds\":[76],\"includeRssi\":true,\"maxPerSecond\":5}");
      assertThat(withRssi.status()).as(withRssi.text()).isEqualTo(200);
      Eventually.eventually(
          "an advertisement with its RSSI arrived",
          () -> !unonboardedItems(sub).findValues("rssi").isEmpty());
      assertThat(unonboardedItems(sub).findValues("rssi")).allMatch(r -> r.asInt() == -42);
    } finally {
      http().delete(ROUTE + dataApp);
    }
    assertThat(http().get(ROUTE + dataApp).status()).isEqualTo(404);
  }

  @Test
  void once_revoked_nothing_more_is_delivered() {
    assertThat(grant(http(), dataApp, "{\"addressPrefixes\":[\"D5:00\"]}").status()).isEqualTo(201);
    Reply revoked = http().delete(ROUTE + dataApp);
    assertThat(revoked.status()).as(revoked.text()).isEqualTo(204);
    assertThat(http().delete(ROUTE + dataApp).status()).isEqualTo(404);
    try (MosquittoSub sub = subscribe()) {
      roundsPass(sub, 3);
      assertThat(on(sub, NipcUnonboardedAdvertisementsTest::unonboarded)).isEmpty();
    }
  }

  @Test
  void only_operators_with_the_data_role_may_grant() {
    String control = OperatorTokens.create(gateway.running().dataDir(), "control");
    for (String token : List.of(dataAppToken, control)) {
      Reply refused = grant(http().withToken(token), dataApp, "{\"serviceUuids\":[\"180F\"]}");
      assertThat(refused.status()).as(refused.text()).isEqualTo(403);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(http().withToken(token).get(ROUTE + dataApp).status()).isEqualTo(403);
      assertThat(http().withToken(token).delete(ROUTE + dataApp).status()).isEqualTo(403);
    }
    assertThat(http().withToken(null).put(ROUTE + dataApp, "{}").status()).isEqualTo(401);
    assertThat(http().get(ROUTE + dataApp).status()).isEqualTo(404);
  }

  @Test
  void bad_grants_are_bad_requests_and_store_nothing() {
    List<String> bad =
        List.of(
            "{}",
            "{\"serviceUuids\":[]}",
            "{\"serviceUuids\":\"180F\"}",
            "{\"serviceUuids\":[\"battery\"]}",
            "{\"serviceUuids\":[18]}",
            "{\"companyIds\":[70000]}",
            "{\"companyIds\":[-1]}",
            "{\"companyIds\":[\"76\"]}",
            "{\"addressPrefixes\":[\"D5:0\"]}",
            "{\"addressPrefixes\":[\"D5:00:00:00:00:00:00\"]}",
            "{\"serviceUuids\":[\"180F\"],\"maxPerSecond\":0}",
            "{\"serviceUuids\":[\"180F\"],\"maxPerSecond\":1001}",
            "{\"serviceUuids\":[\"180F\"],\"maxPerSecond\":2.5}",
            "{\"serviceUuids\":[\"180F\"],\"includeRssi\":\"yes\"}",
            "{\"serviceUuids\":[\"180F\"],\"deviceID\":\"x\"}",
            "[\"180F\"]",
            "{\"serviceUuids\":",
            "{\"serviceUuids\":[" + "\"180F\",".repeat(32) + "\"180F\"]}");
    for (String body : bad) {
      Reply reply = grant(http(), dataApp, body);
      assertThat(reply.status()).as(body + " -> " + reply.text()).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }
    Reply plain =
        http().put(ROUTE + dataApp, "{\"serviceUuids\":[\"180F\"]}", "Content-Type", "text/plain");
    assertThat(plain.status()).as(plain.text()).isEqualTo(415);
    Reply unknownApp = grant(http(), "no-such-app", "{\"serviceUuids\":[\"180F\"]}");
    assertThat(unknownApp.status()).as(unknownApp.text()).isEqualTo(404);
    assertThat(http().get(ROUTE.substring(0, ROUTE.length() - 1)).json().path("grants")).isEmpty();
  }

  @Test
  void a_grant_goes_with_the_data_app() {
    JsonNode other = http().create("/EndpointApps", EndpointApps.of("telemetry", "short-lived"));
    String otherApp = other.path("id").asText();
    register(otherApp);
    assertThat(grant(http(), otherApp, "{\"serviceUuids\":[\"1809\"]}").status()).isEqualTo(201);
    assertThat(http().delete("/scim/v2/EndpointApps/" + otherApp).status()).isEqualTo(204);
    Eventually.eventually(
        "the grant is gone with its app", () -> http().get(ROUTE + otherApp).status() == 404);
  }
}
