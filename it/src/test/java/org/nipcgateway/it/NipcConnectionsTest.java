package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.PROBLEM;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/** Explicit BLE connections: discovery, the service cache, reuse by operations, bonding. */
@RadioScenario
class NipcConnectionsTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();
  @Parameter RadioRow row;

  private static final String THERMOMETER_SERVICE = "00001809-0000-1000-8000-00805f9b34fb";

  @AfterEach
  void disconnectAndClear() {
    demo.client().delete(connections(demo.thermometer()));
    demo.faults().clear();
  }

  private static String connections(String id) {
    return "/nipc/devices/" + id + "/connections";
  }

  private static JsonObject discovery(boolean cached) {
    return new JsonObject()
        .put("retries", 3)
        .put(
            "protocolInformation",
            new JsonObject()
                .put(
                    "ble",
                    new JsonObject()
                        .put(
                            "services",
                            new JsonArray()
                                .add(new JsonObject().put("serviceID", THERMOMETER_SERVICE)))
                        .put("cached", cached)
                        .put("cacheExpiryDuration", 3600)
                        .put("autoUpdate", true)
                        .put("bonding", "default")));
  }

  @Test
  void connecting_discovers_the_requested_services_with_full_uuids() {
    Reply connected = demo.postJson(connections(demo.thermometer()), discovery(false));
    assertThat(connected.status()).as(connected.text()).isEqualTo(200);
    JsonNode body = connected.json();
    assertThat(body.path("id").asText()).isEqualTo(demo.thermometer());
    JsonNode services = body.at("/protocolInformation/ble/services");
    assertThat(services).hasSize(1);
    assertThat(services.get(0).path("serviceID").asText()).isEqualTo(THERMOMETER_SERVICE);
    JsonNode measurement =
        StreamSupport.stream(services.get(0).path("characteristics").spliterator(), false)
            .filter(c -> c.path("characteristicID").asText().startsWith("00002a1c"))
            .findFirst()
            .orElseThrow();
    assertThat(measurement.path("characteristicID").asText())
        .isEqualTo("00002a1c-0000-1000-8000-00805f9b34fb");
    assertThat(measurement.path("flags").get(0).asText()).isEqualTo("indicate");
    assertThat(measurement.path("descriptors").get(0).path("descriptorID").asText())
        .isEqualTo("00002902-0000-1000-8000-00805f9b34fb");

    Reply status = demo.client().get(connections(demo.thermometer()));
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().at("/protocolInformation/ble/services")).isEqualTo(services);
  }

  @Test
  void operations_reuse_the_explicit_connection_and_disconnect_releases_it() {
    assertThat(demo.postJson(connections(demo.thermometer()), new JsonObject()).status())
        .isEqualTo(200);
    assertThat(demo.devices().bleSlotsInUse()).isEqualTo(1);

    // A connect fault would fail any new connection: reads must ride on the open one.
    demo.faults().inject("ble", "connect", "timeout");
    demo.property(demo.thermometer(), "thermometer", "temperatureType");
    demo.property(demo.thermometer(), "thermometer", "measurementInterval");
    assertThat(demo.devices().bleSlotsInUse()).isEqualTo(1);

    assertThat(demo.client().delete(connections(demo.thermometer())).status()).isEqualTo(204);
    assertThat(demo.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void a_second_connect_is_already_connected_and_a_missing_one_is_no_connection() {
    assertThat(demo.postJson(connections(demo.thermometer()), new JsonObject()).status())
        .isEqualTo(200);
    Reply again = demo.postJson(connections(demo.thermometer()), new JsonObject());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-ble-already-connected");

    demo.client().delete(connections(demo.thermometer()));
    for (Reply reply :
        new Reply[] {
          demo.client().get(connections(demo.thermometer())),
          demo.client().delete(connections(demo.thermometer())),
          demo.client()
              .put(connections(demo.thermometer()), "{}", "Content-Type", "application/nipc+json")
        }) {
      assertThat(reply.status()).isEqualTo(409);
      assertThat(reply.json().path("type").asText())
          .isEqualTo(PROBLEM + "protocolmap-ble-no-connection");
    }
  }

  @Test
  void a_cached_connect_skips_discovery_while_the_cache_is_fresh() {
    demo.postJson(connections(demo.thermometer()), discovery(false));
    demo.client().delete(connections(demo.thermometer()));

    // Discovery would fail now; the cache answers instead.
    demo.faults().inject("ble", "discover", "discovery-failed");
    Reply cached = demo.postJson(connections(demo.thermometer()), discovery(true));
    assertThat(cached.status()).as(cached.text()).isEqualTo(200);
    assertThat(cached.json().at("/protocolInformation/ble/services/0/serviceID").asText())
        .isEqualTo(THERMOMETER_SERVICE);

    Reply update =
        demo.client()
            .put(
                connections(demo.thermometer()),
                discovery(false).encode(),
                "Content-Type",
                "application/nipc+json");
    assertThat(update.status()).isEqualTo(502);
    assertThat(update.json().path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-ble-service-discovery-failed");
  }

  @Test
  void a_bonding_override_the_peripheral_refuses_is_bonding_failed() {
    // The demo thermometer asks for Just Works pairing.
    JsonObject body =
        new JsonObject()
            .put(
                "protocolInformation",
                new JsonObject().put("ble", new JsonObject().put("bonding", "passkey")));
    Reply reply = demo.postJson(connections(demo.thermometer()), body);
    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-ble-bonding-failed");
    assertThat(demo.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void malformed_connection_requests_are_refused_and_a_zigbee_device_is_discovered() {
    for (String body :
        new String[] {
          "{\"retries\":-1}",
          "{\"retries\":\"3\"}",
          "{\"protocolInformation\":{\"ble\":{\"bonding\":\"magic\"}}}",
          "{\"protocolInformation\":{\"ble\":{\"services\":[{}]}}}",
          "[]",
          "{"
        }) {
      Reply reply =
          demo.client()
              .post(connections(demo.thermometer()), body, "Content-Type", "application/nipc+json");
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(demo.devices().bleSlotsInUse()).isZero();

    // Every row's Zigbee radio discovers: the in-process one from its definitions, the
    // zsmartsystems stack over the air (simple descriptors, then ZCL Discover Attributes).
    Reply zigbee = demo.postJson(connections(demo.light()), new JsonObject());
    assertThat(zigbee.status()).as(zigbee.text()).isEqualTo(200);
    assertThat(
            zigbee.json().path("protocolInformation").path("zigbee").path("endpoints").toString())
        .isEqualTo(
            "[{\"endpointID\":1,\"clusters\":["
                + "{\"clusterID\":3,\"attributes\":[{\"attributeID\":0,\"attributeType\":33}]},"
                + "{\"clusterID\":6,\"attributes\":[{\"attributeID\":0,\"attributeType\":16}]},"
                + "{\"clusterID\":1026,\"attributes\":"
                + "[{\"attributeID\":0,\"attributeType\":41}]}]}]");
  }
}
