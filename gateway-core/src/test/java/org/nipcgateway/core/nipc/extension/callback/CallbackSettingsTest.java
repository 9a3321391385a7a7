package org.nipcgateway.core.nipc.extension.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;

class CallbackSettingsTest {

  private static CallbackSettings read(JsonObject extensions) {
    Settings nipc = Settings.of("nipc", new JsonObject().put("extensions", extensions));
    CallbackSettings settings = CallbackSettings.from(nipc.section("extensions"));
    nipc.rejectUnknownKeys();
    return settings;
  }

  @Test
  void defaults_apply_when_nothing_is_set() {
    CallbackSettings settings = read(new JsonObject());

    assertThat(settings.caFile()).isEmpty();
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.attempts()).isEqualTo(4);
    assertThat(settings.backoff().delayMillis(1)).isEqualTo(1000);
    assertThat(settings.backoff().delayMillis(10)).isEqualTo(30_000);
    assertThat(settings.keepFinished()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.maxOperations()).isEqualTo(1000);
  }

  @Test
  void a_misspelt_key_stops_the_start_with_its_full_name() {
    assertThatThrownBy(() -> read(new JsonObject().put("callbackAttemps", 2)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nipc.extensions.callbackAttemps");
  }

  @Test
  void out_of_range_values_are_refused() {
    assertThatThrownBy(() -> read(new JsonObject().put("callbackAttempts", 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nipc.extensions.callbackAttempts");
  }
}
