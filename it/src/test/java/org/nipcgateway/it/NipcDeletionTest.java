package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.DemoGateway.name;
import static org.nipcgateway.it.support.DemoGateway.path;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.Eventually;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.RadioRow;
import org.nipcgateway.it.support.radio.RadioScenario;

/**
 * Deleting a device or endpoint app in SCIM takes along what NIPC kept for it: enabled events and
 * triggers let go of their radio links, and a data app's registration goes.
 */
@RadioScenario
class NipcDeletionTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();
  @Parameter RadioRow row;

  @Test
  void deleting_devices_releases_their_events_triggers_and_links() {
    Reply event =
        demo.post(
            path(
                demo.thermometer(),
                "events",
                "eventName",
                name("thermometer", "sdfEvent", "temperatureMeasurement")));
    assertThat(event.status()).isEqualTo(201);
    Reply trigger =
        demo.postJson(
            "/nipc/devices/"
                + demo.button()
                + "/triggers?eventName="
                + ScimClient.encode(name("button", "sdfEvent", "pressed")),
            new JsonObject()
                .put(
                    "action",
                    "/nipc/devices/"
                        + demo.light()
                        + "/actions?actionName="
                        + ScimClient.encode(name("light", "sdfAction", "toggle"))));
    assertThat(trigger.status()).isEqualTo(201);
    assertThat(demo.devices().bleSlotsInUse()).isEqualTo(2);

    assertThat(demo.client().delete("/scim/v2/Devices/" + demo.thermometer()).status())
        .isEqualTo(204);
    Eventually.eventually(
        "the thermometer's link is released", () -> demo.devices().bleSlotsInUse() == 1);
    assertThat(demo.client().get("/nipc/devices/" + demo.thermometer() + "/events").json())
        .isEmpty();

    assertThat(demo.client().delete("/scim/v2/Devices/" + demo.button()).status()).isEqualTo(204);
    Eventually.eventually(
        "the button's link is released", () -> demo.devices().bleSlotsInUse() == 0);
    assertThat(demo.client().get("/nipc/devices/" + demo.button() + "/triggers").json()).isEmpty();
  }

  @Test
  void deleting_an_endpoint_app_deletes_its_data_app_registration() {
    String registration = "/nipc/registrations/data-apps?dataAppId=" + demo.dataApp();
    assertThat(demo.client().get(registration).status()).isEqualTo(200);

    assertThat(demo.client().delete("/scim/v2/EndpointApps/" + demo.dataApp()).status())
        .isEqualTo(204);

    Eventually.eventually(
        "the registration is gone", () -> demo.client().get(registration).status() == 400);
  }
}
