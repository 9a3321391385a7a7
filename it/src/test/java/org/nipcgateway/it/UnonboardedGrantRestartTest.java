package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.core.fleet.Fleet;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * A grant of not-onboarded advertisements is kept across a restart, and goes with its data app: a
 * grant whose app was deleted before the restart does not come back.
 */
class UnonboardedGrantRestartTest {
  private static final String ROUTE = "/radios/ble/unonboarded-advertisements";
  private static final String PRESSED = DemoGateway.name("button", "sdfEvent", "pressed");

  @TempDir Path dataDir;

  private static GatewayConfig.Builder demo() {
    return GatewayConfig.builder().moduleSettings("radios", Fleet.demo().orElseThrow().radios());
  }

  private static String dataApp(ScimClient http, String name) {
    String id =
        http.create("/EndpointApps", EndpointApps.of("telemetry", name)).path("id").asText();
    Reply registered =
        http.post(
            "/nipc/registrations/data-apps?dataAppId=" + id,
            new JsonObject()
                .put("events", new JsonArray().add(new JsonObject().put("event", PRESSED)))
                .put("mqttClient", true)
                .encode(),
            "Content-Type",
            "application/json");
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    return id;
  }

  private static void grant(ScimClient http, String app, String body) {
    Reply granted = http.put(ROUTE + "/" + app, body, "Content-Type", "application/json");
    assertThat(granted.status()).as(granted.text()).isEqualTo(201);
  }

  @Test
  void a_grant_survives_a_restart_unless_its_data_app_was_deleted() {
    String kept;
    String deleted;
    try (RunningGateway first = RunningGateway.start(dataDir, demo())) {
      first.seed(Fleet.demo().orElseThrow());
      ScimClient http = first.scim();
      kept = dataApp(http, "kept");
      deleted = dataApp(http, "deleted");
      grant(http, kept, "{\"companyIds\":[76],\"includeRssi\":true,\"maxPerSecond\":3}");
      grant(http, deleted, "{\"serviceUuids\":[\"180F\"]}");
      assertThat(http.delete("/scim/v2/EndpointApps/" + deleted).status()).isEqualTo(204);
    }
    try (RunningGateway second = RunningGateway.start(dataDir, demo())) {
      JsonNode grants = second.scim().get(ROUTE).json().path("grants");
      assertThat(grants).hasSize(1);
      JsonNode grant = grants.get(0);
      assertThat(grant.path("dataAppId").asText()).isEqualTo(kept);
      assertThat(grant.path("companyIds").get(0).asInt()).isEqualTo(76);
      assertThat(grant.path("includeRssi").asBoolean()).isTrue();
      assertThat(grant.path("maxPerSecond").asInt()).isEqualTo(3);
      assertThat(second.scim().get(ROUTE + "/" + deleted).status()).isEqualTo(404);
    }
  }
}
