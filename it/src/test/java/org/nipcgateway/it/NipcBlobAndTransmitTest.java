package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.BlePeripheral.characteristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
import org.nipcgateway.it.support.radio.ZigbeeNode;

/** The Blob and Transmit extensions (draft-ietf-asdf-nipc, NIPC API extensions). */
@RadioScenario
class NipcBlobAndTransmitTest {
  private static final String MAC = "2C:54:91:88:C9:B0";
  private static final String EUI64 = "50:32:5F:FF:FE:E7:67:B0";
  private static final String NS = "https://example.com/blobby#/sdfObject/blobby";
  private static final String FIRMWARE = NS + "/sdfProperty/firmware";
  private static final String VERSION = NS + "/sdfProperty/version";
  private static final String PROBLEM = "https://www.iana.org/assignments/nipc-problem-types#";
  private static final String JSON = "application/json";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty()
              .withPeripherals(
                  BlePeripheral.at(
                      MAC,
                      characteristic("FFF0", "FFF1", "AA==", "read", "write"),
                      characteristic("FFF0", "FFF2", "AQ==", "read")))
              .withNodes(ZigbeeNode.at(EUI64, ZigbeeNode.attribute(1, 6, 0, 16, "AQ==", false))));

  @Parameter RadioRow row;

  private static String ble;
  private static String zigbee;

  @BeforeParameterizedClassInvocation
  static void registerModelAndDevices() {
    String model =
        "{\"namespace\":{\"b\":\"https://example.com/blobby\"},\"defaultNamespace\":\"b\","
            + "\"sdfObject\":{\"blobby\":{\"sdfProperty\":{"
            + "\"firmware\":{\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"fff0\",\"characteristicID\":\"fff1\"}}},"
            + "\"version\":{\"writable\":false,\"sdfProtocolMap\":{\"ble\":{\"serviceID\":\"fff0\",\"characteristicID\":\"fff2\"}}}"
            + "}}}}";
    ScimClient scim = gateway.scim();
    assertThat(
            scim.post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    ObjectNode body = Devices.bleWithoutPairing("blobby", MAC);
    ble =
        scim.create(
                "/Devices", Devices.withModel(body, "https://example.com/blobby#/sdfObject/blobby"))
            .path("id")
            .asText();
    zigbee =
        scim.create("/Devices", Devices.zigbee("broadcast listener", EUI64)).path("id").asText();
  }

  private static String blobPath(String device, String property) {
    return "/nipc/extensions/"
        + device
        + "/properties/blob?propertyName="
        + ScimClient.encode(property);
  }

  private static byte[] bytes(int n) {
    byte[] value = new byte[n];
    for (int i = 0; i < n; i++) {
      value[i] = (byte) (i * 7 + 3);
    }
    return value;
  }

  @Test
  void a_blob_is_written_in_chunks_in_order_over_one_link_and_the_link_is_closed_after() {
    byte[] blob = bytes(50);
    String b64 = Base64.getEncoder().encodeToString(blob);
    Reply reply =
        gateway
            .scim()
            .put(
                blobPath(ble, FIRMWARE),
                "{\"blob\":\"" + b64 + "\",\"chunksize\":20}",
                "Content-Type",
                JSON);
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
    // The last piece is what the characteristic holds now.
    JsonNode read =
        gateway
            .scim()
            .get("/nipc/devices/" + ble + "/properties?propertyName=" + ScimClient.encode(FIRMWARE))
            .json();
    assertThat(Base64.getDecoder().decode(read.get(0).path("value").asText()))
        .isEqualTo(java.util.Arrays.copyOfRange(blob, 40, 50));
    Optional<List<String>> writes = gateway.devices().bleWrites(MAC, "FFF0", "FFF1");
    writes.ifPresent(
        all -> {
          List<String> last = all.subList(all.size() - 3, all.size());
          List<Integer> sizes = new ArrayList<>();
          java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
          for (String w : last) {
            byte[] piece = Base64.getDecoder().decode(w);
            sizes.add(piece.length);
            joined.writeBytes(piece);
          }
          assertThat(sizes).containsExactly(20, 20, 10);
          assertThat(joined.toByteArray()).isEqualTo(blob);
        });
    assertThat(gateway.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void a_blob_without_chunksize_is_written_in_pieces_of_the_default_twenty_bytes() {
    byte[] blob = bytes(45);
    Reply reply =
        gateway
            .scim()
            .put(
                blobPath(ble, FIRMWARE),
                "{\"blob\":\"" + Base64.getEncoder().encodeToString(blob) + "\"}",
                "Content-Type",
                JSON);
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
    gateway
        .devices()
        .bleWrites(MAC, "FFF0", "FFF1")
        .ifPresent(
            all ->
                assertThat(Base64.getDecoder().decode(all.get(all.size() - 1)))
                    .isEqualTo(java.util.Arrays.copyOfRange(blob, 40, 45)));
  }

  @Test
  void a_blob_to_a_read_only_property_is_property_not_writable_and_writes_nothing() {
    Reply reply =
        gateway.scim().put(blobPath(ble, VERSION), "{\"blob\":\"AQID\"}", "Content-Type", JSON);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("type").asText()).isEqualTo(PROBLEM + "property-not-writable");
    gateway.devices().bleWrites(MAC, "FFF0", "FFF2").ifPresent(all -> assertThat(all).isEmpty());
  }

  @Test
  void malformed_blob_requests_are_refused_with_a_4xx_problem() {
    ScimClient scim = gateway.scim();
    String path = blobPath(ble, FIRMWARE);
    assertThat(scim.put(path, "{}", "Content-Type", JSON).status()).isEqualTo(400);
    assertThat(scim.put(path, "{\"blob\":\"%%%\"}", "Content-Type", JSON).status()).isEqualTo(400);
    assertThat(scim.put(path, "{\"blob\":\"AQ==\",\"chunksize\":0}", "Content-Type", JSON).status())
        .isEqualTo(400);
    assertThat(
            scim.put(path, "{\"blob\":\"AQ==\",\"chunksize\":\"x\"}", "Content-Type", JSON)
                .status())
        .isEqualTo(400);
    assertThat(scim.put(path, "[1]", "Content-Type", JSON).status()).isEqualTo(400);
    assertThat(scim.put(path, "AQ==", "Content-Type", "text/plain").status()).isEqualTo(415);
    assertThat(
            scim.put(
                    "/nipc/extensions/" + ble + "/properties/blob",
                    "{\"blob\":\"AQ==\"}",
                    "Content-Type",
                    JSON)
                .status())
        .isEqualTo(400);
    Reply unknown =
        scim.put(
            blobPath("00000000-0000-0000-0000-000000000000", FIRMWARE),
            "{\"blob\":\"AQ==\"}",
            "Content-Type",
            JSON);
    assertThat(unknown.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-id");
    Reply wrongName =
        scim.put(
            blobPath(ble, NS + "/sdfProperty/nope"), "{\"blob\":\"AQ==\"}", "Content-Type", JSON);
    assertThat(wrongName.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-sdf-url");
  }

  private Reply transmit(String device, String body) {
    return gateway
        .scim()
        .post("/nipc/extensions/" + device + "/transmit", body, "Content-Type", JSON);
  }

  @Test
  void a_ble_advertisement_is_transmitted_with_its_structures_and_interval_on_every_ble_driver() {
    // Flags, then a complete local name "NIPC": well-formed AD structures, 9 bytes.
    byte[] structures = {2, 1, 6, 5, 9, 'N', 'I', 'P', 'C'};
    String payload = Base64.getEncoder().encodeToString(structures);
    Reply reply =
        transmit(
            ble,
            "{\"protocolInformation\":{\"ble\":{\"connectable\":true}},\"cycle\":\"repeat\","
                + "\"transmitTime\":3000,\"transmitInterval\":500,\"payload\":\""
                + payload
                + "\"}");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    List<JsonNode> sent = gateway.devices().transmissions("ble").orElseThrow();
    JsonNode last = sent.get(sent.size() - 1);
    // BlueZ writes the Flags structure itself: what must arrive is every structure the
    // application chose, in its order.
    assertThat(withoutFlags(Base64.getDecoder().decode(last.path("payload").asText())))
        .isEqualTo(withoutFlags(structures));
    assertThat(last.path("connectable").asBoolean()).isTrue();
    assertThat(last.path("transmitInterval").asLong()).isEqualTo(500);
    if (last.has("device")) {
      // The simulator also records whom it was for and the cycle; BlueZ's API carries neither.
      assertThat(last.path("device").asText()).isEqualToIgnoringCase(MAC);
      assertThat(last.path("payload").asText()).isEqualTo(payload);
      assertThat(last.path("cycle").asText()).isEqualTo("repeat");
      assertThat(last.path("transmitTime").asLong()).isEqualTo(3000);
    }
  }

  /** AD structures with the Flags structure (type 0x01) left out. */
  private static byte[] withoutFlags(byte[] structures) {
    java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
    int at = 0;
    while (at < structures.length && structures[at] != 0) {
      int length = structures[at] & 0xFF;
      if (structures[at + 1] != 0x01) {
        kept.write(structures, at, length + 1);
      }
      at += length + 1;
    }
    return kept.toByteArray();
  }

  @Test
  void a_zigbee_broadcast_is_transmitted_where_the_driver_can_and_is_501_where_it_cannot() {
    Reply reply =
        transmit(
            zigbee,
            "{\"protocolInformation\":{\"zigbee\":{}},\"cycle\":\"single\",\"payload\":\"AQIDBA==\"}");
    if (!row.driver("zigbee").equals("simulated")) {
      assertThat(reply.status()).as(reply.text()).isEqualTo(501);
      return;
    }
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    gateway
        .devices()
        .transmissions("zigbee")
        .ifPresent(
            sent -> {
              JsonNode last = sent.get(sent.size() - 1);
              assertThat(last.path("device").asText()).isEqualToIgnoringCase(EUI64);
              assertThat(last.path("payload").asText()).isEqualTo("AQIDBA==");
              assertThat(last.path("cycle").asText()).isEqualTo("single");
            });
  }

  @Test
  void bad_transmit_data_is_extension_transmit_invalid_data_and_nothing_is_sent() {
    int before = gateway.devices().transmissions("ble").map(List::size).orElse(0);
    List<String> bodies =
        List.of(
            // The draft's own example: its third AD structure claims 22 bytes, 12 follow.
            "{\"cycle\":\"single\",\"payload\":\"AgEaAgoMFv9MABAHch9BsDkgeA==\"}",
            "{\"cycle\":\"single\",\"payload\":\""
                + Base64.getEncoder().encodeToString(new byte[32]).replace("A", "B")
                + "\"}",
            "{\"cycle\":\"single\",\"payload\":\"not base64!\"}",
            "{\"cycle\":\"single\"}",
            "{\"cycle\":\"sometimes\",\"payload\":\"AgEG\"}",
            "{\"payload\":\"AgEG\"}",
            "{\"cycle\":\"single\",\"transmitTime\":-1,\"payload\":\"AgEG\"}",
            "{\"cycle\":\"repeat\",\"transmitInterval\":5,\"payload\":\"AgEG\"}",
            "{\"protocolInformation\":{\"zigbee\":{}},\"cycle\":\"single\",\"payload\":\"AgEG\"}",
            "{\"protocolInformation\":{\"lora\":{}},\"cycle\":\"single\",\"payload\":\"AgEG\"}",
            "{\"protocolInformation\":{\"ble\":{\"connectable\":\"yes\"}},\"cycle\":\"single\",\"payload\":\"AgEG\"}");
    for (String body : bodies) {
      Reply reply = transmit(ble, body);
      assertThat(reply.status()).as(body + " -> " + reply.text()).isEqualTo(400);
      assertThat(reply.json().path("type").asText())
          .as(body)
          .isEqualTo(PROBLEM + "extension-transmit-invalid-data");
    }
    assertThat(transmit(ble, "[]").status()).isEqualTo(400);
    assertThat(gateway.devices().transmissions("ble").map(List::size).orElse(0)).isEqualTo(before);
  }

  @Test
  void a_transmit_to_an_unknown_device_or_in_another_media_type_is_refused_and_nothing_is_sent() {
    int before = gateway.devices().transmissions("ble").map(List::size).orElse(0);
    String body = "{\"cycle\":\"single\",\"payload\":\"AgEG\"}";
    Reply unknown = transmit("00000000-0000-0000-0000-000000000000", body);
    assertThat(unknown.status()).as(unknown.text()).isEqualTo(400);
    assertThat(unknown.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-id");
    Reply plain =
        gateway
            .scim()
            .post("/nipc/extensions/" + ble + "/transmit", body, "Content-Type", "text/plain");
    assertThat(plain.status()).as(plain.text()).isEqualTo(415);
    assertThat(plain.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(transmit(ble, "{\"cycle\":").status()).isEqualTo(400);
    assertThat(gateway.devices().transmissions("ble").map(List::size).orElse(0)).isEqualTo(before);
  }

  @Test
  void the_well_known_document_lists_exactly_the_extensions_served_as_uri_templates() {
    JsonNode extensions = gateway.scim().get("/.well-known/nipc").json().path("extensions");
    List<String> listed = new ArrayList<>();
    extensions.forEach(e -> listed.add(e.asText()));
    assertThat(listed)
        .containsExactlyInAnyOrder(
            "/extensions/{id}/properties/read/conditional",
            "/extensions/{id}/events/conditional",
            "/extensions/{id}/bulk",
            "/extensions/{id}/properties/blob",
            "/extensions/{id}/properties/file",
            "/extensions/{id}/transmit");
  }
}
