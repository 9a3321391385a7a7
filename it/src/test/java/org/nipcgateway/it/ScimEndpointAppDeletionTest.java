package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.SharedGateway;

/** Deleting an endpoint app takes its links from devices along, in the same write. */
class ScimEndpointAppDeletionTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();
  private static final String EXT =
      "urn:ietf:params:scim:schemas:extension:endpointAppsExt:2.0:Device";

  private static String app(String name) {
    return gateway
        .scim()
        .create("/EndpointApps", EndpointApps.of("deviceControl", name))
        .path("id")
        .asText();
  }

  private static String deviceLinkedTo(int n, String... appIds) {
    ObjectNode device = Devices.ble("linked " + n, 300 + n);
    device.withArray("schemas").add(EXT);
    var applications = device.putObject(EXT).putArray("applications");
    for (String id : appIds) {
      applications.addObject().put("value", id);
    }
    return gateway.scim().create("/Devices", device).path("id").asText();
  }

  private static JsonNode device(String id) {
    return gateway.scim().get("/scim/v2/Devices/" + id).json();
  }

  @Test
  void a_deleted_app_leaves_no_id_or_ref_in_the_devices_it_was_linked_to() {
    String gone = app("gone");
    String stays = app("stays");
    String device = deviceLinkedTo(1, gone, stays);

    assertThat(gateway.scim().delete("/scim/v2/EndpointApps/" + gone).status()).isEqualTo(204);

    JsonNode applications = device(device).path(EXT).path("applications");
    assertThat(applications).hasSize(1);
    assertThat(applications.get(0).path("value").asText()).isEqualTo(stays);
    assertThat(device(device).toString()).doesNotContain(gone);
  }

  @Test
  void a_device_whose_only_app_is_deleted_loses_the_extension_and_stays_valid() {
    String only = app("only");
    String device = deviceLinkedTo(2, only);

    assertThat(gateway.scim().delete("/scim/v2/EndpointApps/" + only).status()).isEqualTo(204);

    JsonNode after = device(device);
    assertThat(after.has(EXT)).isFalse();
    assertThat(after.path("schemas").toString()).doesNotContain(EXT);
    ObjectNode replacement = (ObjectNode) after.deepCopy();
    replacement.remove("meta");
    assertThat(gateway.scim().put("/scim/v2/Devices/" + device, replacement).status())
        .as("the device can be written back as it reads")
        .isEqualTo(200);
  }
}
