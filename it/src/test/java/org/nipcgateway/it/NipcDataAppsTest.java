package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.PROBLEM;
import static org.nipcgateway.it.support.DemoGateway.name;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/** Data-app registrations: who may register, what a registration may say, what is shown back. */
class NipcDataAppsTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();

  private static final String PRESSED = name("button", "sdfEvent", "pressed");

  private static String app(String type) {
    ObjectNode app = ScimClient.JSON.createObjectNode();
    app.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:EndpointApp");
    app.put("applicationType", type);
    app.put("applicationName", type + " app");
    return demo.client().create("/EndpointApps", app).path("id").asText();
  }

  private static Reply register(String id, String body) {
    return demo.client()
        .post(
            "/nipc/registrations/data-apps?dataAppId=" + id,
            body,
            "Content-Type",
            "application/nipc+json");
  }

  private static String events() {
    return "\"events\":[{\"event\":\"" + PRESSED + "\"}]";
  }

  @Test
  void webhook_headers_are_kept_sealed_and_never_shown() throws java.io.IOException {
    String id = app("telemetry");
    Reply reply =
        register(
            id,
            "{"
                + events()
                + ",\"webhook\":{\"URI\":\"https://apps.example.com/hook\","
                + "\"headers\":{\"Authorization\":\"Bearer s3cr3t-t0ken\"}}}");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.text()).doesNotContain("s3cr3t-t0ken");
    assertThat(reply.json().at("/webhook/headers/Authorization").asText()).isEqualTo("********");
    assertThat(demo.client().get("/nipc/registrations/data-apps?dataAppId=" + id).text())
        .doesNotContain("s3cr3t-t0ken");

    // Stored sealed: neither the database nor its write-ahead log holds the secret in clear.
    try (var files = java.nio.file.Files.list(demo.dataDir())) {
      for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        assertThat(
                new String(
                    java.nio.file.Files.readAllBytes(file),
                    java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain("s3cr3t-t0ken");
      }
    }

    Reply again = register(id, "{" + events() + ",\"mqttClient\":true}");
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void unsupported_uri_schemes_are_refused_with_their_problem_type() {
    String id = app("telemetry");
    for (String body :
        new String[] {
          "{" + events() + ",\"webhook\":{\"URI\":\"ftp://apps.example.com/hook\"}}",
          "{" + events() + ",\"websocket\":{\"URI\":\"https://apps.example.com/ws\"}}",
          "{"
              + events()
              + ",\"mqttBroker\":{\"URI\":\"http://broker:1883\",\"username\":\"u\",\"password\":\"p\"}}"
        }) {
      Reply reply = register(id, body);
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.json().path("type").asText()).isEqualTo(PROBLEM + "unsupported-uri-scheme");
    }
  }

  @Test
  void only_telemetry_endpoint_apps_register_for_registered_events() {
    String control = app("deviceControl");
    assertThat(
            register(control, "{" + events() + ",\"mqttClient\":true}")
                .json()
                .path("type")
                .asText())
        .isEqualTo(PROBLEM + "invalid-id");
    assertThat(
            register(demo.light(), "{" + events() + ",\"mqttClient\":true}")
                .json()
                .path("type")
                .asText())
        .isEqualTo(PROBLEM + "invalid-id");

    String telemetry = app("telemetry");
    Reply unknownEvent =
        register(
            telemetry,
            "{\"events\":[{\"event\":\""
                + name("button", "sdfEvent", "held")
                + "\"}],\"mqttClient\":true}");
    assertThat(unknownEvent.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-sdf-url");
  }

  @Test
  void malformed_registrations_are_refused_and_nothing_is_stored() {
    String id = app("telemetry");
    for (String body :
        new String[] {
          "{" + events() + "}",
          "{" + events() + ",\"mqttClient\":true,\"webhook\":{\"URI\":\"https://a.example\"}}",
          "{\"mqttClient\":true}",
          "{\"events\":[\"" + PRESSED + "\"],\"mqttClient\":true}",
          "{" + events() + ",\"mqttClient\":\"yes\"}",
          "{" + events() + ",\"mqttBroker\":{\"URI\":\"mqtt://b:1883\"}}",
          "{" + events() + ",\"webhook\":{\"URI\":\"https://a.example\",\"headers\":{\"X\":1}}}",
          "{" + events() + ",\"webhook\":{\"URI\":\"https://a.example\",\"extra\":1}}",
          "{" + events() + ",\"sms\":{}}",
          "[]",
          "{"
        }) {
      Reply reply = register(id, body);
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(demo.client().get("/nipc/registrations/data-apps?dataAppId=" + id).status())
        .isEqualTo(400);
    assertThat(demo.client().get("/nipc/registrations/data-apps").status()).isEqualTo(400);
  }

  @Test
  void an_endpoint_without_a_host_or_with_an_empty_or_impossible_port_is_refused() {
    String id = app("telemetry");
    for (String uri :
        new String[] {
          "mqtt://127.0.0.1:", "127.0.0.1:", "mqtt://:1883", "mqtt://b:99999", "mqtts://b:0"
        }) {
      Reply reply =
          register(
              id,
              "{"
                  + events()
                  + ",\"mqttBroker\":{\"URI\":\""
                  + uri
                  + "\",\"username\":\"u\",\"password\":\"p\"}}");
      assertThat(reply.status()).as(uri).isEqualTo(400);
    }
    for (String uri : new String[] {"https://", "https://hooks.example:/in", "wss://:443/x"}) {
      String delivery = uri.startsWith("wss") ? "websocket" : "webhook";
      Reply reply =
          register(id, "{" + events() + ",\"" + delivery + "\":{\"URI\":\"" + uri + "\"}}");
      assertThat(reply.status()).as(uri).isEqualTo(400);
    }
    assertThat(demo.client().get("/nipc/registrations/data-apps?dataAppId=" + id).status())
        .isEqualTo(400);
    // The draft's own form, host:port, still registers.
    assertThat(
            register(
                    id,
                    "{"
                        + events()
                        + ",\"mqttBroker\":{\"URI\":\"broker.example:1883\",\"username\":\"u\",\"password\":\"p\"}}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void the_same_event_listed_twice_is_refused() {
    String id = app("telemetry");
    String twice = "\"events\":[{\"event\":\"" + PRESSED + "\"},{\"event\":\"" + PRESSED + "\"}]";
    Reply reply = register(id, "{" + twice + ",\"mqttClient\":true}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("detail").asText()).contains("more than once");
  }
}
