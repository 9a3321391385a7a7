package org.nipcgateway.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.ConfigException;
import org.nipcgateway.core.config.Settings;
import org.nipcgateway.core.radio.RadioDriver;

class SimulatedDriverProviderTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Starts the driver as core does: with the family's section, its driver already read. */
  private Future<RadioDriver> start(String family, String json) {
    Settings settings = Settings.of("radios." + family, new JsonObject(json));
    settings.requiredString("driver");
    return new SimulatedDriverProvider().start(vertx, family, settings);
  }

  private static String failure(Future<RadioDriver> started) {
    assertThat(started.failed()).as("the start failed").isTrue();
    assertThat(started.cause()).isInstanceOf(ConfigException.class);
    return started.cause().getMessage();
  }

  @Test
  void every_documented_ble_setting_is_accepted() {
    Future<RadioDriver> started =
        start(
            "ble",
            "{\"driver\":\"simulated\",\"slots\":2,\"advertisingIntervalMs\":500,"
                + "\"devices\":[{\"mac\":\"02:00:00:00:00:01\",\"pairing\":\"passkey\",\"passkey\":123456,\"rssi\":-50,"
                + "\"advertisingData\":\"AgEG\",\"characteristics\":[{\"service\":\"180F\","
                + "\"characteristic\":\"2A19\",\"value\":\"ZA==\",\"properties\":[\"read\",\"notify\"],"
                + "\"descriptors\":[],\"notifyIntervalMs\":1000,\"notifyCounter\":true}]}]}");

    assertThat(started.succeeded()).as(String.valueOf(started.cause())).isTrue();
    assertThat(started.result().ble()).isPresent();
    started.result().stop();
  }

  @Test
  void an_unknown_ble_key_is_reported_by_the_driver_with_its_full_path() {
    assertThat(failure(start("ble", "{\"driver\":\"simulated\",\"slot\":3}")))
        .startsWith("unknown config key 'radios.ble.slot' (known: advertisingIntervalMs,");
  }

  @Test
  void an_unknown_key_of_a_characteristic_is_named_with_its_place_in_the_lists() {
    assertThat(
            failure(
                start(
                    "ble",
                    "{\"driver\":\"simulated\",\"devices\":[{\"mac\":\"02:00:00:00:00:01\","
                        + "\"characteristics\":[{\"service\":\"180F\",\"characteristic\":\"2A19\","
                        + "\"vale\":\"ZA==\"}]}]}")))
        .startsWith("unknown config key 'radios.ble.devices[0].characteristics[0].vale'");
  }

  @Test
  void every_documented_zigbee_setting_is_accepted() {
    Future<RadioDriver> started =
        start(
            "zigbee",
            "{\"driver\":\"simulated\",\"devices\":[{\"eui64\":\"00:0D:6F:00:0A:0B:0C:01\","
                + "\"profile\":260,\"joinsOnPermit\":true,\"attributes\":[{\"endpoint\":1,"
                + "\"cluster\":6,\"attribute\":16384,\"manufacturerCode\":4447,\"type\":33,"
                + "\"value\":\"BQA=\",\"writable\":true}]}]}");

    assertThat(started.succeeded()).as(String.valueOf(started.cause())).isTrue();
    assertThat(started.result().zigbee()).isPresent();
  }

  @Test
  void a_bad_mac_address_is_named_with_its_key() {
    assertThat(failure(start("ble", "{\"driver\":\"simulated\",\"devices\":[{\"mac\":\"m\"}]}")))
        .startsWith("config key 'radios.ble.devices[0].mac'");
  }

  @Test
  void a_ble_only_setting_is_unknown_on_the_zigbee_network() {
    assertThat(failure(start("zigbee", "{\"driver\":\"simulated\",\"slots\":2}")))
        .startsWith("unknown config key 'radios.zigbee.slots'");
  }

  @Test
  void bad_values_name_their_key() {
    assertThat(
            failure(
                start(
                    "zigbee",
                    "{\"driver\":\"simulated\",\"devices\":[{\"eui64\":\"00:0D:6F:00:0A:0B:0C:01\","
                        + "\"attributes\":[{\"endpoint\":1,\"cluster\":6,\"attribute\":0}]}]}")))
        .isEqualTo("config key 'radios.zigbee.devices[0].attributes[0].type' is required");
    assertThat(
            failure(
                start(
                    "ble",
                    "{\"driver\":\"simulated\",\"devices\":[{\"mac\":\"02:00:00:00:00:01\",\"advertisingData\":\"*\"}]}")))
        .startsWith("config key 'radios.ble.devices[0].advertisingData' must be base64");
  }
}
