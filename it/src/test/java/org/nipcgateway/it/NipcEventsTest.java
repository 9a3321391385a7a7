package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.PROBLEM;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/** Enabling, listing and disabling events on the demo devices. */
@RadioScenario
class NipcEventsTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();
  @Parameter RadioRow row;

  @AfterEach
  void clearFaults() {
    demo.faults().clear();
  }

  private static String enablePath(String id, String object, String event) {
    return path(id, "events", "eventName", name(object, "sdfEvent", event));
  }

  /** Enables an event, checks the 201 answer, and returns the instance location. */
  private static String enable(String id, String object, String event) {
    Reply reply = demo.post(enablePath(id, object, event));
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    assertThat(reply.header("Location"))
        .matches("/nipc/devices/" + id + "/events\\?instanceId=[0-9a-f-]{36}");
    return reply.header("Location");
  }

  private static String instanceId(String location) {
    return location.substring(location.indexOf("instanceId=") + "instanceId=".length());
  }

  @Test
  void a_gatt_event_holds_a_connection_while_enabled_and_releases_it_when_disabled() {
    String location = enable(demo.thermometer(), "thermometer", "temperatureMeasurement");
    assertThat(demo.devices().bleSlotsInUse()).isEqualTo(1);

    JsonNode status = demo.client().get(location).json();
    assertThat(status).hasSize(1);
    assertThat(status.get(0).path("instanceId").asText()).isEqualTo(instanceId(location));
    assertThat(status.get(0).path("event").asText())
        .isEqualTo(name("thermometer", "sdfEvent", "temperatureMeasurement"));

    Reply disabled = demo.client().delete(location);
    assertThat(disabled.status()).isEqualTo(204);
    assertThat(demo.devices().bleSlotsInUse()).isZero();
  }

  @Test
  void enabling_an_enabled_event_again_is_event_already_enabled() {
    String location = enable(demo.light(), "light", "onOffChanged");

    Reply again = demo.post(enablePath(demo.light(), "light", "onOffChanged"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("type").asText()).isEqualTo(PROBLEM + "event-already-enabled");

    demo.client().delete(location);
  }

  @Test
  void disabling_an_unknown_or_disabled_instance_is_event_not_enabled() {
    String location = enable(demo.thermometer(), "thermometer", "isPresent");
    assertThat(demo.client().delete(location).status()).isEqualTo(204);

    Reply again = demo.client().delete(location);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(again.json().path("type").asText()).isEqualTo(PROBLEM + "event-not-enabled");
  }

  @Test
  void status_lists_every_instance_and_names_unknown_ones_as_problems() {
    String present = enable(demo.thermometer(), "thermometer", "isPresent");
    String connected = enable(demo.thermometer(), "thermometer", "isConnected");

    JsonNode all = demo.client().get("/nipc/devices/" + demo.thermometer() + "/events").json();
    assertThat(all.findValuesAsText("instanceId"))
        .containsExactlyInAnyOrder(instanceId(present), instanceId(connected));

    JsonNode some =
        demo.client()
            .get(
                "/nipc/devices/"
                    + demo.thermometer()
                    + "/events?instanceId="
                    + instanceId(present)
                    + ",02ee282c-8915-4b2e-bbd2-88966773134a")
            .json();
    assertThat(some).hasSize(2);
    assertThat(some.get(0).path("instanceId").asText()).isEqualTo(instanceId(present));
    assertThat(some.get(1).path("type").asText()).isEqualTo(PROBLEM + "event-not-enabled");

    demo.client().delete(present);
    demo.client().delete(connected);
  }

  @Test
  void events_the_device_does_not_implement_are_invalid_sdf_urls() {
    Reply wrongModel = demo.post(enablePath(demo.light(), "thermometer", "isPresent"));
    assertThat(wrongModel.status()).isEqualTo(400);
    assertThat(wrongModel.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-sdf-url");

    Reply property =
        demo.post(path(demo.light(), "events", "eventName", name("light", "sdfProperty", "onOff")));
    assertThat(property.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-sdf-url");

    Reply unknownDevice =
        demo.post(enablePath("9171ec16-e3c1-4ccf-ad23-b92a1a3f069d", "light", "onOffChanged"));
    assertThat(unknownDevice.json().path("type").asText()).isEqualTo(PROBLEM + "invalid-id");
  }

  @Test
  void an_event_that_cannot_be_turned_on_reports_the_radio_problem_and_holds_nothing() {
    demo.faults().inject("ble", "notifications", "timeout", 1);
    Reply reply =
        demo.post(enablePath(demo.thermometer(), "thermometer", "temperatureMeasurement"));

    assertThat(reply.status()).isEqualTo(504);
    assertThat(reply.json().path("type").asText())
        .isEqualTo(PROBLEM + "protocolmap-ble-connection-timeout");
    assertThat(demo.devices().bleSlotsInUse()).isZero();
    assertThat(demo.client().get("/nipc/devices/" + demo.thermometer() + "/events").json())
        .isEmpty();
  }

  @Test
  void enabling_an_event_no_data_app_is_registered_for_is_event_not_registered() {
    Reply reply = demo.post(enablePath(demo.light(), "light", "temperatureChanged"));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().path("type").asText()).isEqualTo(PROBLEM + "event-not-registered");
  }
}
