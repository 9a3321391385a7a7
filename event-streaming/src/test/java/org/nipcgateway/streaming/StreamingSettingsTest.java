package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.security.ServerTls;

class StreamingSettingsTest {
  private static StreamingSettings of(String json, Optional<ServerTls> gatewayTls) {
    return StreamingSettings.of(
        Settings.of("streaming", new JsonObject(json)), "127.0.0.1", gatewayTls);
  }

  @Test
  void without_settings_plain_mqtt_listens_on_1883_under_plain_http() {
    StreamingSettings settings = of("{}", Optional.empty());

    assertThat(settings.mqttEnabled()).isTrue();
    assertThat(settings.mqttHost()).isEqualTo("127.0.0.1");
    assertThat(settings.mqttPort()).isEqualTo(1883);
    assertThat(settings.tls()).isEmpty();
    assertThat(settings.queueLimits().maxBytes()).isEqualTo(64L << 20);
    assertThat(settings.queueLimits().maxAge()).isEqualTo(java.time.Duration.ofHours(24));
    assertThat(settings.queueLimits().fsync()).isTrue();
    assertThat(settings.maxRetryPause()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(settings.maxBatch()).isEqualTo(100);
  }

  @Test
  void each_data_apps_delivery_log_takes_its_bounds_from_the_queue_section() {
    StreamingSettings settings =
        of(
            "{\"queue\":{\"maxBytes\":1048576,\"maxAgeSeconds\":60,\"fsync\":false,"
                + "\"maxRetryPauseSeconds\":5}}",
            Optional.empty());

    assertThat(settings.queueLimits().maxBytes()).isEqualTo(1_048_576);
    assertThat(settings.queueLimits().maxAge()).isEqualTo(java.time.Duration.ofMinutes(1));
    assertThat(settings.queueLimits().fsync()).isFalse();
    assertThat(settings.maxRetryPause()).isEqualTo(java.time.Duration.ofSeconds(5));
  }

  @Test
  void with_the_gateway_certificate_mqtt_speaks_tls_and_plain_mqtt_is_off() {
    ServerTls tls = new ServerTls(Path.of("cert.pem"), Path.of("key.pem"), "00");
    StreamingSettings settings = of("{\"mqtt\":{\"tlsPort\":8884}}", Optional.of(tls));

    assertThat(settings.mqttPort()).isEqualTo(-1);
    assertThat(settings.tls())
        .contains(new StreamingSettings.Tls(8884, tls.certFile(), tls.keyFile()));
  }

  @Test
  void an_unknown_key_is_refused_with_its_full_path() {
    assertThatThrownBy(() -> of("{\"mqtt\":{\"prot\":1884}}", Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown config key 'streaming.mqtt.prot' (known: enabled, host, maxConnectionsPerApp, maxFailedLoginsPerAddressPerMinute, maxFailedLoginsPerMinute, maxQueuedPerSession, maxSubscriptionsPerClient, maxTopicLength, port, replayHoldSeconds, tls, tlsPort)");
    assertThatThrownBy(() -> of("{\"queue\":{\"maxBites\":1}}", Optional.empty()))
        .hasMessage(
            "unknown config key 'streaming.queue.maxBites' (known: fsync, maxAgeSeconds, maxBytes, maxPendingBytes, maxRetryPauseSeconds)");
    assertThatThrownBy(
            () ->
                of(
                    "{\"mqtt\":{\"tls\":{\"certFile\":\"c\",\"keyFile\":\"k\",\"ca\":\"x\"}}}",
                    Optional.empty()))
        .hasMessage("unknown config key 'streaming.mqtt.tls.ca' (known: certFile, keyFile, port)");
  }

  @Test
  void a_port_out_of_range_is_refused_with_the_range() {
    assertThatThrownBy(() -> of("{\"mqtt\":{\"port\":70000}}", Optional.empty()))
        .hasMessage("config key 'streaming.mqtt.port' must be from -1 to 65535, got 70000");
  }
}
