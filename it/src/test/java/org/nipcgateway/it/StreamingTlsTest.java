package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.MosquittoSub;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SelfSignedCertificate;
import org.nipcgateway.it.support.radio.RadioBench;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;
import org.nipcgateway.it.support.radio.World;

/** The embedded broker over TLS only: a data app connects with the CA, gets its events. */
@RadioScenario
class StreamingTlsTest {
  @TempDir Path dir;
  @Parameter RadioRow row;

  @Test
  void data_apps_receive_events_over_mqtt_with_tls_and_plain_mqtt_can_be_turned_off()
      throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
    World demo = World.demo();
    JsonObject streaming =
        new JsonObject()
            .put(
                "mqtt",
                new JsonObject()
                    .put(
                        "tls",
                        new JsonObject()
                            .put("certFile", certificate.cert().toString())
                            .put("keyFile", certificate.key().toString())
                            .put("port", 0)));
    try (RadioBench bench = row.start(demo);
        RunningGateway gateway =
            RunningGateway.startTls(
                GatewayConfig.builder()
                    .moduleSettings("radios", bench.radios())
                    .moduleSettings("streaming", streaming)
                    .moduleSetting("streaming", "mqtt", "port", -1))) {
      ScimClient http = gateway.scim();
      gateway.seed(demo.records());
      JsonNode ports = http.get("/streaming").json().path("mqtt");
      assertThat(ports.path("port").asInt()).isEqualTo(-1);
      int tlsPort = ports.path("tlsPort").asInt();

      JsonNode created = http.create("/EndpointApps", EndpointApps.of("telemetry", "TLS app"));
      String id = created.path("id").asText();
      String isPresent =
          "https://nipc-gateway.example/demo#/sdfObject/thermometer/sdfEvent/isPresent";
      http.post(
          "/nipc/registrations/data-apps?dataAppId=" + id,
          new JsonObject()
              .put("events", new JsonArray().add(new JsonObject().put("event", isPresent)))
              .put("mqttClient", true)
              .encode(),
          "Content-Type",
          "application/nipc+json");
      String thermometer =
          http.list(
                  "/Devices",
                  "filter=" + ScimClient.encode("displayName eq \"Demo health thermometer\""))
              .at("/Resources/0/id")
              .asText();
      Links.group(http, id, java.util.List.of(thermometer));

      try (MosquittoSub sub =
          MosquittoSub.startTls(
              tlsPort,
              id,
              created.path("clientToken").asText(),
              "data-app/" + id + "/#",
              certificate.cert())) {
        assertThat(sub.granted()).isEqualTo(1);
        Reply enabled =
            http.post(
                "/nipc/devices/"
                    + thermometer
                    + "/events?eventName="
                    + ScimClient.encode(isPresent),
                null);
        assertThat(enabled.status()).isEqualTo(201);
        Eventually.eventually("an advertisement arrived over TLS", () -> !sub.messages().isEmpty());
        http.delete(enabled.header("Location"));
      }
    }
  }
}
