package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.radio.ZigbeeNode.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.World;
import org.nipcgateway.it.support.radio.ZigbeeNode;
import org.nipcgateway.it.support.radio.ZsmartsystemsRow;

/**
 * The simulated coordinator unplugged under the zsmartsystems driver (through the simulator's
 * {@code /simulator/zigbee/coordinator} route, no fault injection): {@code /health} shows the
 * Zigbee radio down and a NIPC read answers the radio-down problem; plugged in again, the radio is
 * up and the same read works.
 */
class ZigbeeCoordinatorOutageTest {
  private static final String EUI64 = "00:0D:6F:00:00:00:0B:01";
  private static final String PLUG = "https://example.com/zplug#/sdfObject/plug";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty().withNodes(ZigbeeNode.at(EUI64, attribute(1, 6, 0, 16, "AQ==", false))),
          config -> config,
          new ZsmartsystemsRow());

  private static String device;

  @BeforeAll
  static void registerModelAndDevice() {
    String model =
        "{\"namespace\":{\"z\":\"https://example.com/zplug\"},\"defaultNamespace\":\"z\","
            + "\"sdfObject\":{\"plug\":{\"sdfProperty\":{\"onOff\":{\"writable\":false,"
            + "\"sdfProtocolMap\":{\"zigbee\":{\"endpointID\":1,\"clusterID\":6,"
            + "\"attributeID\":0,\"attributeType\":16}}}}}}}";
    assertThat(
            gateway
                .scim()
                .post("/nipc/registrations/models", model, "Content-Type", "application/sdf+json")
                .status())
        .isEqualTo(201);
    device =
        gateway
            .scim()
            .create("/Devices", Devices.withModel(Devices.zigbee("plug", EUI64), PLUG))
            .path("id")
            .asText();
  }

  @Test
  void an_unplugged_coordinator_is_radio_down_in_health_and_reads_until_it_is_plugged_in_again() {
    Eventually.eventually("the node answers", Duration.ofSeconds(20), () -> read().has("value"));
    assertThat(zigbeeState()).isEqualTo("UP");

    coordinator(true);
    Eventually.eventually("/health says Zigbee is down", () -> "DOWN".equals(zigbeeState()));
    Reply health = gateway.scim().get("/health");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
    JsonNode problem = read();
    assertThat(problem.path("status").asInt()).as(problem.toString()).isEqualTo(503);
    assertThat(problem.path("detail").asText()).contains("down");
    assertThat(problem.has("value")).isFalse();

    coordinator(false);
    Eventually.eventually("/health says Zigbee is up", () -> "UP".equals(zigbeeState()));
    assertThat(gateway.scim().get("/health").status()).isEqualTo(200);
    JsonNode value = read();
    assertThat(value.path("value").asText()).as(value.toString()).isEqualTo("AQ==");
  }

  private static JsonNode read() {
    Reply reply =
        gateway
            .scim()
            .get(
                "/nipc/devices/"
                    + device
                    + "/properties?propertyName="
                    + ScimClient.encode(PLUG + "/sdfProperty/onOff"));
    JsonNode body = reply.json();
    return body.isArray() ? body.path(0) : body;
  }

  private static String zigbeeState() {
    return gateway
        .scim()
        .get("/health")
        .json()
        .path("checks")
        .path("radios")
        .path("zigbee")
        .path("state")
        .asText();
  }

  private static void coordinator(boolean down) {
    Reply reply =
        gateway
            .scim()
            .post(
                "/simulator/zigbee/coordinator",
                new JsonObject().put("down", down).encode(),
                "Content-Type",
                "application/json");
    assertThat(reply.status()).as(reply.text()).isEqualTo(204);
  }
}
