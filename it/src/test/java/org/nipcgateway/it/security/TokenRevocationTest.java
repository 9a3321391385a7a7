package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.security.OperatorTokenFile;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.OperatorTokens;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * A token that was let in once is remembered (no re-hashing, no search through every app), but
 * never past what it stands for: a deleted app's token is refused on the very next request, and a
 * revoked operator token once the gateway re-reads its token file (at most a second later).
 */
class TokenRevocationTest {
  private static final String CONTROL_ROUTE = "/nipc/registrations/models";
  private static RunningGateway gateway;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void a_deleted_apps_token_is_refused_on_the_very_next_request() {
    ObjectNode app =
        gateway.scim().create("/EndpointApps", EndpointApps.of("deviceControl", "gone"));
    ScimClient client = gateway.scim().withToken(app.path("clientToken").asText());
    assertThat(client.get(CONTROL_ROUTE).status()).isEqualTo(200);
    assertThat(client.get(CONTROL_ROUTE).status()).isEqualTo(200); // the remembered token

    assertThat(gateway.scim().delete("/scim/v2/EndpointApps/" + app.path("id").asText()).status())
        .isEqualTo(204);

    assertThat(client.get(CONTROL_ROUTE).status()).isEqualTo(401);
    assertThat(client.get(CONTROL_ROUTE, "x-api-key", client.token()).status()).isEqualTo(401);
  }

  @Test
  void a_revoked_operator_token_is_refused_once_the_token_file_is_read_again() throws Exception {
    String token = OperatorTokens.create(gateway.dataDir(), "control");
    ScimClient operator = gateway.scim().withToken(token);
    assertThat(operator.get(CONTROL_ROUTE).status()).isEqualTo(200);
    assertThat(operator.get(CONTROL_ROUTE).status()).isEqualTo(200);

    new OperatorTokenFile(gateway.dataDir()).revoke(OperatorTokenFile.idOf(token).orElseThrow());

    Eventually.eventually(
        "the revoked token is refused", () -> operator.get(CONTROL_ROUTE).status() == 401);
  }
}
