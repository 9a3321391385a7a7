package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * Per-client rate limits, body, batch and group size limits, connection limits: all 4xx/503
 * problems.
 */
class AbuseLimitsTest {

  @Test
  void a_client_over_its_rate_gets_429_with_retry_after_and_other_clients_do_not() {
    JsonObject security =
        new JsonObject().put("rateLimit", new JsonObject().put("perSecond", 1).put("burst", 3));
    try (RunningGateway gateway =
        RunningGateway.start(GatewayConfig.builder().moduleSettings("security", security))) {
      ScimClient busy = gateway.scim();
      List<Reply> replies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        replies.add(busy.get("/nipc/registrations/models"));
      }
      assertThat(replies.get(0).status()).isEqualTo(200);
      Reply limited = replies.get(replies.size() - 1);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isEqualTo("1");
      assertThat(limited.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(limited.json().path("status").asInt()).isEqualTo(429);

      // Another client (its own token) is not held back by the first one's rate.
      String other = org.nipcgateway.it.support.OperatorTokens.create(gateway.dataDir(), "control");
      assertThat(busy.withToken(other).get("/nipc/registrations/models").status()).isEqualTo(200);

      // Guessing tokens is rate limited too, per address.
      int guesses429 = 0;
      for (int i = 0; i < 8; i++) {
        guesses429 += busy.withToken("guess" + i).get("/scim/v2/Devices").status() == 429 ? 1 : 0;
      }
      assertThat(guesses429).isPositive();
    }
  }

  @Test
  void bodies_batches_and_groups_over_their_limits_are_refused_with_problems() {
    GatewayConfig.Builder config =
        GatewayConfig.builder()
            .maxBodyBytes(2048)
            .moduleSettings("scim", new JsonObject().put("maxGroupMembers", 2))
            .moduleSettings("nipc", new JsonObject().put("maxBatch", 4));
    try (RunningGateway gateway = RunningGateway.start(config)) {
      ScimClient scim = gateway.scim();
      ObjectNode big = Devices.ble("x".repeat(4000), 1);
      Reply scimTooBig = scim.post("/scim/v2/Devices", big);
      assertThat(scimTooBig.status()).isEqualTo(413);
      assertThat(scimTooBig.json().path("schemas").get(0).asText())
          .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
      Reply nipcTooBig =
          scim.send(
              "POST",
              "/nipc/registrations/models",
              "{\"x\":\"" + "y".repeat(4000) + "\"}",
              "Content-Type",
              "application/sdf+json");
      assertThat(nipcTooBig.status()).isEqualTo(413);
      assertThat(nipcTooBig.header("Content-Type")).isEqualTo("application/problem+json");

      String device = scim.create("/Devices", Devices.ble("Batch", 2)).path("id").asText();
      StringBuilder query = new StringBuilder("?propertyName=a");
      for (int i = 0; i < 5; i++) {
        query.append("&propertyName=p").append(i);
      }
      Reply batch = scim.get("/nipc/devices/" + device + "/properties" + query);
      assertThat(batch.status()).isEqualTo(413);
      assertThat(batch.json().path("detail").asText()).contains("at most 4 properties");

      String second = scim.create("/Devices", Devices.ble("Batch 2", 3)).path("id").asText();
      String third = scim.create("/Devices", Devices.ble("Batch 3", 4)).path("id").asText();
      ObjectNode group = ScimClient.JSON.createObjectNode();
      group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
      group.put("displayName", "too big");
      var members = group.putArray("members");
      for (String id : List.of(device, second, third)) {
        members.addObject().put("value", id);
      }
      Reply groupTooBig = scim.post("/scim/v2/Groups", group);
      assertThat(groupTooBig.status()).isEqualTo(400);
      assertThat(groupTooBig.text()).contains("2");
    }
  }

  @Test
  void connections_beyond_the_limit_get_503_and_are_closed() throws Exception {
    JsonObject security = new JsonObject().put("maxConnections", 2);
    try (RunningGateway gateway =
        RunningGateway.start(GatewayConfig.builder().moduleSettings("security", security))) {
      List<Socket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          Socket socket = new Socket("127.0.0.1", gateway.port());
          open.add(socket);
          assertThat(get(socket, "/health")).startsWith("HTTP/1.1 200");
        }
        // From another address: one address alone may not hold more than its share.
        try (Socket third =
            new Socket(
                "127.0.0.1", gateway.port(), java.net.InetAddress.getByName("127.0.0.2"), 0)) {
          String answer = get(third, "/health");
          assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After", "problem+json");
        }
      } finally {
        for (Socket s : open) {
          s.close();
        }
      }
    }
  }

  /** One keep-alive request on the socket; the head and body of the answer. */
  private static String get(Socket socket, String path) throws Exception {
    socket.setSoTimeout(5000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    int n = in.read(buffer);
    return new String(buffer, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1);
  }
}
