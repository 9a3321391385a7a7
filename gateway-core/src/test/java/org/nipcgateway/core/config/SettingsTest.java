package org.nipcgateway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.BleBonding;

class SettingsTest {
  private static Settings streaming(String json) {
    return Settings.of("streaming", new JsonObject(json));
  }

  @Test
  void absent_keys_give_the_defaults() {
    Settings settings = streaming("{}");

    assertThat(settings.string("host", "0.0.0.0")).isEqualTo("0.0.0.0");
    assertThat(settings.integer("port", 1883, 0, 65535)).isEqualTo(1883);
    assertThat(settings.longValue("timeoutMs", 10_000, 0, Long.MAX_VALUE)).isEqualTo(10_000);
    assertThat(settings.number("perSecond", 50)).isEqualTo(50);
    assertThat(settings.flag("enabled", true)).isTrue();
    assertThat(settings.strings("properties", List.of("read"))).containsExactly("read");
    assertThat(settings.choice("pairing", BleBonding.NONE)).isEqualTo(BleBonding.NONE);
    assertThat(settings.filePath("certFile")).isEmpty();
    assertThat(settings.section("mqtt").isEmpty()).isTrue();
    assertThat(settings.sections("devices")).isEmpty();
    settings.rejectUnknownKeys();
  }

  @Test
  void set_keys_are_read_with_their_types() {
    Settings settings =
        streaming(
            "{\"host\":\"h\",\"port\":1884,\"enabled\":false,\"rate\":2.5,\"file\":\"a/b.pem\","
                + "\"pairing\":\"PassKey\",\"properties\":[\"read\",\"notify\"],\"whole\":3.0}");

    assertThat(settings.string("host", "x")).isEqualTo("h");
    assertThat(settings.integer("port", 1, 0, 65535)).isEqualTo(1884);
    assertThat(settings.flag("enabled", true)).isFalse();
    assertThat(settings.number("rate", 1)).isEqualTo(2.5);
    assertThat(settings.filePath("file")).hasValue(Path.of("a/b.pem"));
    assertThat(settings.choice("pairing", BleBonding.NONE)).isEqualTo(BleBonding.PASSKEY);
    assertThat(settings.strings("properties", List.of())).containsExactly("read", "notify");
    assertThat(settings.integer("whole", 0)).isEqualTo(3);
    settings.rejectUnknownKeys();
  }

  @Test
  void a_value_of_the_wrong_type_is_refused_naming_its_full_path_and_the_value() {
    Settings mqtt =
        streaming("{\"mqtt\":{\"port\":\"1883\",\"enabled\":1,\"tls\":[]}}").section("mqtt");

    assertThatThrownBy(() -> mqtt.integer("port", 0, 0, 65535))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config key 'streaming.mqtt.port' must be an integer, got \"1883\"");
    assertThatThrownBy(() -> mqtt.flag("enabled", true))
        .hasMessage("config key 'streaming.mqtt.enabled' must be true or false, got 1");
    assertThatThrownBy(() -> mqtt.section("tls"))
        .hasMessage("config key 'streaming.mqtt.tls' must be an object, got []");
  }

  @Test
  void a_fraction_is_not_an_integer() {
    assertThatThrownBy(() -> streaming("{\"maxBatch\":2.5}").integer("maxBatch", 1))
        .hasMessage("config key 'streaming.maxBatch' must be an integer, got 2.5");
  }

  @Test
  void a_value_out_of_range_is_refused_with_the_range() {
    Settings settings = streaming("{\"port\":70000,\"maxBatch\":0,\"rate\":-1}");

    assertThatThrownBy(() -> settings.integer("port", 0, -1, 65535))
        .hasMessage("config key 'streaming.port' must be from -1 to 65535, got 70000");
    assertThatThrownBy(() -> settings.integer("maxBatch", 100, 1, Integer.MAX_VALUE))
        .hasMessage("config key 'streaming.maxBatch' must be at least 1, got 0");
    assertThatThrownBy(() -> settings.number("rate", 1, 0, Double.MAX_VALUE))
        .hasMessage("config key 'streaming.rate' must be at least 0, got -1");
  }

  @Test
  void a_word_outside_the_choice_is_refused_with_the_allowed_ones() {
    assertThatThrownBy(() -> streaming("{\"pairing\":\"pin\"}").choice("pairing", BleBonding.NONE))
        .hasMessage(
            "config key 'streaming.pairing' must be one of none, justworks, passkey, oob, got"
                + " \"pin\"");
  }

  @Test
  void a_missing_required_key_is_named() {
    assertThatThrownBy(() -> Settings.of("radios.ble", new JsonObject()).requiredString("driver"))
        .hasMessage("config key 'radios.ble.driver' is required");
  }

  @Test
  void an_unknown_key_is_refused_with_its_full_path_and_the_known_ones() {
    Settings settings = streaming("{\"mqtt\":{\"prot\":1884},\"maxBatch\":5}");
    Settings mqtt = settings.section("mqtt");
    mqtt.integer("port", 1883, -1, 65535);
    mqtt.optionalSection("tls");
    settings.integer("maxBatch", 100);

    assertThatThrownBy(settings::rejectUnknownKeys)
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown config key 'streaming.mqtt.prot' (known: port, tls)");
  }

  @Test
  void an_unknown_key_in_a_list_of_sections_is_named_with_its_index() {
    Settings ble =
        Settings.of(
            "radios.ble",
            new JsonObject(
                "{\"devices\":[{\"mac\":\"a\"},{\"mac\":\"b\",\"characteristics\":[{\"vlaue\":\"AA==\"}]}]}"));
    for (Settings device : ble.sections("devices")) {
      device.requiredString("mac");
      for (Settings characteristic : device.sections("characteristics")) {
        characteristic.string("value", "");
      }
    }

    assertThatThrownBy(ble::rejectUnknownKeys)
        .hasMessage(
            "unknown config key 'radios.ble.devices[1].characteristics[0].vlaue' (known: value)");
  }

  @Test
  void a_delegated_section_is_left_to_its_reader() {
    Settings radios =
        Settings.of("radios", new JsonObject("{\"ble\":{\"driver\":\"x\",\"slot\":3}}"));
    Settings ble = radios.delegatedSection("ble").orElseThrow();
    ble.requiredString("driver");

    radios.rejectUnknownKeys();
    assertThatThrownBy(ble::rejectUnknownKeys)
        .hasMessage("unknown config key 'radios.ble.slot' (known: driver)");
  }

  @Test
  void a_section_of_names_is_read_key_by_key() {
    Settings scopes =
        Settings.of("security.jwt.scopes", new JsonObject("{\"devices.write\":\"provisioning\"}"));

    for (String scope : scopes.keys()) {
      assertThat(scopes.requiredString(scope)).isEqualTo("provisioning");
    }
    scopes.rejectUnknownKeys();
  }

  @Test
  void the_settings_do_not_change_with_the_json_they_were_made_from() {
    JsonObject json = new JsonObject().put("port", 1);
    Settings settings = Settings.of("http", json);
    json.put("port", 2);

    assertThat(settings.integer("port", 0)).isEqualTo(1);
  }
}
