package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Away persistent sessions of the embedded broker hold a bounded number of publications. */
class SessionBacklogTest {
  private final java.util.List<String> wentAway = new java.util.ArrayList<>();
  private final SessionBacklog backlog = new SessionBacklog(3, wentAway::add);

  private static InterceptConnectMessage connect(String client, String app, boolean clean) {
    return new InterceptConnectMessage(
        MqttMessageBuilders.connect()
            .clientId(client)
            .username(app)
            .password("token".getBytes(StandardCharsets.UTF_8))
            .cleanSession(clean)
            .build());
  }

  private void away(String client, String app) {
    backlog.onConnectionLost(new InterceptConnectionLostMessage(client, app));
  }

  @Test
  void an_away_persistent_session_past_its_bound_is_ended_with_what_it_held() {
    backlog.onConnect(connect("sub", "app", false));
    away("sub", "app");

    for (int i = 0; i < 3; i++) {
      assertThat(backlog.published("app")).isEmpty();
    }

    assertThat(backlog.published("app")).containsExactly(java.util.Map.entry("sub", 3L));
    assertThat(backlog.published("app")).isEmpty(); // ended: no longer counted
  }

  @Test
  void connected_clean_and_other_apps_sessions_are_not_counted() {
    backlog.onConnect(connect("online", "app", false));
    backlog.onConnect(connect("clean", "app", true));
    away("clean", "app");
    backlog.onConnect(connect("other", "other-app", false));
    away("other", "other-app");

    for (int i = 0; i < 10; i++) {
      assertThat(backlog.published("app")).isEmpty();
    }
  }

  @Test
  void a_session_that_comes_back_starts_counting_from_nothing() {
    backlog.onConnect(connect("sub", "app", false));
    away("sub", "app");
    backlog.published("app");
    backlog.published("app");
    backlog.onConnect(connect("sub", "app", false));
    away("sub", "app");

    for (int i = 0; i < 3; i++) {
      assertThat(backlog.published("app")).isEmpty();
    }
  }

  @Test
  void the_gateway_hears_which_app_a_persistent_session_that_went_away_belongs_to() {
    backlog.onConnect(connect("sub", "app", false));
    backlog.onConnect(connect("clean", "app", true));
    away("sub", "app");
    away("clean", "app");

    assertThat(wentAway).containsExactly("app");
  }
}
