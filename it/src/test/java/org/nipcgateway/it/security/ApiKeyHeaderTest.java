package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.AuditLines;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * Endpoint apps built on TieDie's NIPC SDK send their client token in an {@code x-api-key} header.
 * It is accepted there with the same checks, limits and audit as a bearer token; only client tokens
 * travel that way, and bearer stays the default.
 */
class ApiKeyHeaderTest {
  private static RunningGateway gateway;
  private static String controlToken;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start();
    controlToken =
        gateway
            .scim()
            .create("/EndpointApps", EndpointApps.of("deviceControl", "SDK app"))
            .path("clientToken")
            .asText();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static Reply withApiKey(String key, String path) {
    return withApiKey(gateway, key, path);
  }

  private static Reply withApiKey(RunningGateway on, String key, String path) {
    return on.anonymous().get(path, "x-api-key", key);
  }

  @Test
  void a_client_token_in_x_api_key_is_let_in_like_a_bearer_one_and_audited_with_its_carrier() {
    Reply reply = withApiKey(controlToken, "/nipc/registrations/models");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(
            AuditLines.awaitMentioning(
                gateway.dataDir(),
                "/nipc/registrations/models",
                "\"via\":\"client-token:x-api-key\""))
        .isNotEmpty();
    // The same app's checks: a control app has no provisioning role.
    assertThat(withApiKey(controlToken, "/scim/v2/Devices").status()).isEqualTo(403);
  }

  @Test
  void only_client_tokens_travel_in_x_api_key() {
    assertThat(withApiKey(gateway.operatorToken(), "/nipc/registrations/models").status())
        .isEqualTo(401);
  }

  @Test
  void x_api_key_and_authorization_together_are_refused() {
    Reply both =
        gateway
            .scim()
            .withToken(gateway.operatorToken())
            .get("/nipc/registrations/models", "x-api-key", controlToken);
    assertThat(both.status()).isEqualTo(401);
  }

  @Test
  void wrong_keys_are_refused_audited_and_throttled_per_address_like_wrong_bearer_tokens() {
    // A tight failed-login limit per address, so that guessing through the header meets it.
    JsonObject security =
        new JsonObject().put("rateLimit", new JsonObject().put("perSecond", 1).put("burst", 5));
    try (RunningGateway tight =
        RunningGateway.start(GatewayConfig.builder().moduleSettings("security", security))) {
      int limited = 0;
      for (int i = 0; i < 10; i++) {
        Reply reply = withApiKey(tight, "guess" + i, "/nipc/registrations/models");
        assertThat(reply.status()).isIn(401, 429);
        limited += reply.status() == 429 ? 1 : 0;
      }
      assertThat(limited).isPositive();
      AuditLines.awaitMentioning(tight.dataDir(), "\"denied\":true");
      assertThat(AuditLines.of(tight.dataDir()))
          .filteredOn(line -> line.contains("\"denied\":true"))
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).contains("\"via\":\"x-api-key\""));
    }
  }

  @Test
  void bearer_stays_the_default_carrier() {
    ScimClient bearer = gateway.scim().withToken(controlToken);
    assertThat(bearer.get("/nipc/registrations/models").status()).isEqualTo(200);
  }
}
