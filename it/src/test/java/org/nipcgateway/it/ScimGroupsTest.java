package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.ScimAssertions.assertScimError;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SharedGateway;

/** Groups of devices and apps, and the read-only memberships they give their members. */
class ScimGroupsTest {
  @RegisterExtension
  static final SharedGateway gateway =
      new SharedGateway(
          () ->
              RunningGateway.start(
                  GatewayConfig.builder()
                      .moduleSettings("scim", new JsonObject().put("maxGroupMembers", 3))));

  private static ObjectNode group(String name, String... memberIds) {
    ObjectNode group = ScimClient.JSON.createObjectNode();
    group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    group.put("displayName", name);
    ArrayNode members = group.putArray("members");
    for (String id : memberIds) {
      members.addObject().put("value", id);
    }
    return group;
  }

  @Test
  void members_get_type_ref_and_display_and_devices_show_their_groups() {
    String device = gateway.scim().create("/Devices", Devices.ble("lamp", 501)).path("id").asText();
    ObjectNode created = gateway.scim().create("/Groups", group("Lights", device));
    assertThat(created.path("members").get(0).path("type").asText()).isEqualTo("Device");
    assertThat(created.path("members").get(0).path("display").asText()).isEqualTo("lamp");
    assertThat(created.path("members").get(0).path("$ref").asText())
        .isEqualTo(gateway.scim().base() + "/scim/v2/Devices/" + device);

    var groups = gateway.scim().get("/scim/v2/Devices/" + device).json().path("groups");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).path("value").asText()).isEqualTo(created.path("id").asText());
    assertThat(groups.get(0).path("display").asText()).isEqualTo("Lights");
  }

  @Test
  void a_device_read_again_shows_its_groups_and_itself_as_they_are_now() {
    String device = gateway.scim().create("/Devices", Devices.ble("bulb", 505)).path("id").asText();
    String path = "/scim/v2/Devices/" + device;
    // Read first, so the answers below are the ones a cache of read views would hold.
    assertThat(gateway.scim().get(path).json().has("groups")).isFalse();
    ObjectNode created = gateway.scim().create("/Groups", group("Porch", device));
    String groupId = created.path("id").asText();
    assertThat(gateway.scim().get(path).json().path("groups").get(0).path("display").asText())
        .isEqualTo("Porch");

    ObjectNode renamed = group("Veranda", device);
    assertThat(gateway.scim().put("/scim/v2/Groups/" + groupId, renamed).status()).isEqualTo(200);
    assertThat(gateway.scim().get(path).json().path("groups").get(0).path("display").asText())
        .isEqualTo("Veranda");
    assertThat(
            gateway
                .scim()
                .list("/Devices", "filter=" + ScimClient.encode("displayName eq \"bulb\""))
                .path("Resources")
                .get(0)
                .path("groups")
                .get(0)
                .path("display")
                .asText())
        .isEqualTo("Veranda");

    ObjectNode device2 = Devices.ble("bulb 2", 505);
    assertThat(gateway.scim().put(path, device2).status()).isEqualTo(200);
    var after = gateway.scim().get(path);
    assertThat(after.json().path("displayName").asText()).isEqualTo("bulb 2");
    assertThat(after.json().path("meta").path("version").asText()).isEqualTo("W/\"2\"");

    assertThat(gateway.scim().delete("/scim/v2/Groups/" + groupId).status()).isEqualTo(204);
    assertThat(gateway.scim().get(path).json().has("groups")).isFalse();
  }

  @Test
  void deleting_a_device_removes_it_from_its_groups() {
    String device =
        gateway.scim().create("/Devices", Devices.ble("doomed", 502)).path("id").asText();
    String keeper =
        gateway.scim().create("/Devices", Devices.ble("keeper", 503)).path("id").asText();
    String groupId =
        gateway.scim().create("/Groups", group("Mixed", device, keeper)).path("id").asText();
    assertThat(gateway.scim().delete("/scim/v2/Devices/" + device).status()).isEqualTo(204);
    var members = gateway.scim().get("/scim/v2/Groups/" + groupId).json().path("members");
    assertThat(members).hasSize(1);
    assertThat(members.get(0).path("value").asText()).isEqualTo(keeper);
  }

  @Test
  void members_must_exist_and_appear_once_and_groups_are_bounded() {
    String device = gateway.scim().create("/Devices", Devices.ble("solo", 504)).path("id").asText();
    assertScimError(
        gateway.scim().post("/scim/v2/Groups", group("Ghosts", "no-such-device")),
        400,
        "invalidValue");
    assertScimError(
        gateway.scim().post("/scim/v2/Groups", group("Twice", device, device)),
        400,
        "invalidValue");
    ObjectNode wrongType = group("Typed", device);
    ((ObjectNode) wrongType.path("members").get(0)).put("type", "EndpointApp");
    assertScimError(gateway.scim().post("/scim/v2/Groups", wrongType), 400, "invalidValue");
    String[] four = new String[4];
    for (int i = 0; i < 4; i++) {
      four[i] = gateway.scim().create("/Devices", Devices.ble("many", 510 + i)).path("id").asText();
    }
    assertScimError(gateway.scim().post("/scim/v2/Groups", group("Crowd", four)), 400, "tooMany");
  }
}
