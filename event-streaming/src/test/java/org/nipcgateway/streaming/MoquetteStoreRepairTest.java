package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.ISessionsRepository;
import io.moquette.persistence.H2Builder;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After an unclean stop, Moquette's stored persistent sessions get the expiry a clean stop gives.
 */
class MoquetteStoreRepairTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path store;

  private List<ISessionsRepository.SessionData> stored(
      java.util.function.Consumer<ISessionsRepository> change) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      H2Builder h2 = new H2Builder(scheduler, store, 3600, NOW).initStore();
      ISessionsRepository sessions = h2.sessionsRepository();
      change.accept(sessions);
      List<ISessionsRepository.SessionData> all = List.copyOf(sessions.list());
      h2.closeStore();
      return all;
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void a_session_stored_without_expiry_gets_now_plus_its_interval_and_others_are_kept() {
    Instant later = Instant.parse("2026-12-03T00:00:00Z");
    stored(
        sessions -> {
          sessions.saveSession(
              new ISessionsRepository.SessionData("killed", MqttVersion.MQTT_3_1_1, 600, NOW));
          sessions.saveSession(
              new ISessionsRepository.SessionData(
                  "stopped", later, MqttVersion.MQTT_3_1_1, 600, NOW));
        });

    assertThat(MoquetteStoreRepair.giveSessionsAnExpiry(store, NOW)).isEqualTo(1);

    assertThat(stored(sessions -> {}))
        .extracting(s -> s.clientId() + "@" + s.expireAt().orElseThrow())
        .containsExactlyInAnyOrder("killed@2026-12-02T10:10:00Z", "stopped@" + later);
    assertThat(MoquetteStoreRepair.giveSessionsAnExpiry(store, NOW)).isZero();
  }

  @Test
  void a_data_dir_without_a_store_is_left_alone() {
    assertThat(MoquetteStoreRepair.giveSessionsAnExpiry(store.resolve("none"), NOW)).isZero();
  }
}
