package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.TestIdentityProvider;

/**
 * A JWT must say when it expires, and not too far ahead: a stolen token that never expires, or
 * expires in 2056, is a permanent credential.
 */
class JwtLifetimeTest {
  private static TestIdentityProvider idp;
  private static RunningGateway defaults;
  private static RunningGateway oneHour;

  @BeforeAll
  static void start() {
    idp = new TestIdentityProvider();
    defaults =
        RunningGateway.start(
            GatewayConfig.builder()
                .moduleSettings("security", new JsonObject().put("jwt", idp.settings())));
    oneHour =
        RunningGateway.start(
            GatewayConfig.builder()
                .moduleSettings(
                    "security",
                    new JsonObject().put("jwt", idp.settings().put("maxLifetimeMinutes", 60))));
  }

  @AfterAll
  static void stop() {
    defaults.close();
    oneHour.close();
    idp.close();
  }

  private static int devicesStatus(RunningGateway gateway, String jwt) {
    return gateway.scim().withToken(jwt).get("/scim/v2/Devices").status();
  }

  private static String expiringIn(Duration lifetime) {
    return idp.sign(
        "onboarder",
        "provisioning",
        Instant.now().plus(lifetime),
        TestIdentityProvider.ISSUER,
        TestIdentityProvider.AUDIENCE);
  }

  @Test
  void a_token_without_exp_is_refused() {
    assertThat(devicesStatus(defaults, idp.withoutExpiry("onboarder", "provisioning")))
        .isEqualTo(401);
  }

  @Test
  void a_token_expiring_decades_ahead_is_refused() {
    assertThat(devicesStatus(defaults, expiringIn(Duration.ofDays(30 * 365)))).isEqualTo(401);
  }

  @Test
  void by_default_a_token_may_live_up_to_a_day() {
    assertThat(devicesStatus(defaults, expiringIn(Duration.ofHours(23)))).isEqualTo(200);
    assertThat(devicesStatus(defaults, expiringIn(Duration.ofHours(25)))).isEqualTo(401);
  }

  @Test
  void the_longest_lifetime_is_configurable() {
    assertThat(devicesStatus(oneHour, expiringIn(Duration.ofMinutes(50)))).isEqualTo(200);
    assertThat(devicesStatus(oneHour, expiringIn(Duration.ofMinutes(90)))).isEqualTo(401);
  }
}
