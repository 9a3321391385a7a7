package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.ScimAssertions.assertScimError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SharedGateway;

/** Replace, patch, conditional requests and uniqueness (RFC 7644 sections 3.5, 3.6, 3.14). */
class ScimWriteTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();
  private static final AtomicInteger MACS = new AtomicInteger(100);

  private static ObjectNode newDevice() {
    return gateway.scim().create("/Devices", Devices.ble("device", MACS.incrementAndGet()));
  }

  private static String path(JsonNode resource) {
    return "/scim/v2/Devices/" + resource.path("id").asText();
  }

  private static ObjectNode patch(String op, String path, Object value) {
    ObjectNode request = ScimClient.JSON.createObjectNode();
    request.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    ObjectNode operation = request.putArray("Operations").addObject();
    operation.put("op", op);
    if (path != null) {
      operation.put("path", path);
    }
    if (value != null) {
      operation.set("value", ScimClient.JSON.valueToTree(value));
    }
    return request;
  }

  @Test
  void put_replaces_the_resource_and_ignores_read_only_attributes() {
    ObjectNode device = newDevice();
    ObjectNode replacement = device.deepCopy();
    replacement.put("displayName", "renamed");
    replacement.put("id", "not-the-id");
    replacement.putArray("groups").addObject().put("value", "forged");
    Reply replaced = gateway.scim().put(path(device), replacement);
    assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
    assertThat(replaced.json().path("displayName").asText()).isEqualTo("renamed");
    assertThat(replaced.json().path("id").asText()).isEqualTo(device.path("id").asText());
    assertThat(replaced.json().has("groups")).isFalse();
    assertThat(replaced.json().path("meta").path("version").asText()).isEqualTo("W/\"2\"");
    assertThat(gateway.scim().get(path(device)).json().path("displayName").asText())
        .isEqualTo("renamed");
  }

  @Test
  void put_that_changes_an_immutable_attribute_is_a_mutability_error() {
    ObjectNode app = ScimClient.JSON.createObjectNode();
    app.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:EndpointApp");
    app.put("applicationType", "deviceControl");
    app.put("applicationName", "controller");
    ObjectNode created = gateway.scim().create("/EndpointApps", app);
    app.put("applicationType", "telemetry");
    assertScimError(
        gateway.scim().put("/scim/v2/EndpointApps/" + created.path("id").asText(), app),
        400,
        "mutability");
  }

  /** A model for the SDF extension tests to name; registered once per gateway. */
  private static final String SENSOR_MODEL = "https://example.com/scim-write#/sdfObject/sensor";

  private static void registerSensorModel() {
    Reply registered =
        gateway
            .scim()
            .post(
                "/nipc/registrations/models",
                "{\"namespace\":{\"w\":\"https://example.com/scim-write\"},"
                    + "\"defaultNamespace\":\"w\",\"sdfObject\":{\"sensor\":{\"sdfProperty\":"
                    + "{\"level\":{\"type\":\"integer\",\"sdfProtocolMap\":{\"ble\":"
                    + "{\"serviceID\":\"180F\",\"characteristicID\":\"2A19\"}}}}}}}",
                "Content-Type",
                "application/sdf+json");
    assertThat(registered.status()).as(registered.text()).isIn(201, 409);
  }

  @Test
  void a_device_naming_an_unregistered_sdf_model_is_refused_with_the_name_and_not_stored() {
    ObjectNode body =
        Devices.withModel(
            Devices.ble("unmodelled", MACS.incrementAndGet()),
            "https://example.com/never-registered#/sdfObject/ghost");
    String mac = body.path(Devices.BLE).path("deviceMacAddress").asText();

    Reply refused = gateway.scim().post("/scim/v2/Devices", body);

    assertScimError(refused, 400, "invalidValue");
    assertThat(refused.json().path("detail").asText())
        .contains("https://example.com/never-registered#/sdfObject/ghost");
    Reply listed =
        gateway
            .scim()
            .get(
                "/scim/v2/Devices?filter="
                    + ScimClient.encode(Devices.BLE + ":deviceMacAddress eq \"" + mac + "\""));
    assertThat(listed.json().path("totalResults").asInt()).isZero();
  }

  private static Reply addSdfNames(JsonNode device, String... names) {
    return gateway.scim().patch(path(device), patch("add", Devices.SDF + ":sdf", names));
  }

  @Test
  void patching_in_an_unregistered_sdf_model_is_refused_and_leaves_the_device_unchanged() {
    ObjectNode device = newDevice();

    Reply refused = addSdfNames(device, "https://example.com/never-registered#/sdfObject/ghost");

    assertScimError(refused, 400, "invalidValue");
    JsonNode stored = gateway.scim().get(path(device)).json();
    assertThat(stored.has(Devices.SDF)).isFalse();
    assertThat(stored.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
  }

  @Test
  void patch_replace_add_and_remove() {
    registerSensorModel();
    ObjectNode device = newDevice();
    Reply renamed = gateway.scim().patch(path(device), patch("replace", "displayName", "patched"));
    assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
    assertThat(renamed.json().path("displayName").asText()).isEqualTo("patched");

    Reply added = addSdfNames(device, SENSOR_MODEL + "/sdfProperty/level");
    assertThat(added.status()).as(added.text()).isEqualTo(200);
    assertThat(added.json().path("schemas").toString())
        .contains("urn:ietf:params:scim:schemas:extension:sdf:2.0:Device");
    assertThat(
            added
                .json()
                .path("urn:ietf:params:scim:schemas:extension:sdf:2.0:Device")
                .path("sdf")
                .get(0)
                .asText())
        .isEqualTo(SENSOR_MODEL + "/sdfProperty/level");

    Reply valueless =
        gateway
            .scim()
            .patch(
                path(device), patch("replace", null, java.util.Map.of("displayName", "by value")));
    assertThat(valueless.json().path("displayName").asText()).isEqualTo("by value");

    Reply removed = gateway.scim().patch(path(device), patch("remove", "displayName", null));
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().has("displayName")).isFalse();
  }

  @Test
  void patch_remove_with_a_value_filter_removes_only_matching_members() {
    ObjectNode a = newDevice();
    ObjectNode b = newDevice();
    ObjectNode group = ScimClient.JSON.createObjectNode();
    group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    group.put("displayName", "pair");
    ArrayNode members = group.putArray("members");
    members.addObject().put("value", a.path("id").asText());
    members.addObject().put("value", b.path("id").asText());
    ObjectNode created = gateway.scim().create("/Groups", group);
    String groupPath = "/scim/v2/Groups/" + created.path("id").asText();

    Reply patched =
        gateway
            .scim()
            .patch(
                groupPath,
                patch("remove", "members[value eq \"" + a.path("id").asText() + "\"]", null));
    assertThat(patched.status()).as(patched.text()).isEqualTo(200);
    assertThat(patched.json().path("members")).hasSize(1);
    assertThat(patched.json().path("members").get(0).path("value").asText())
        .isEqualTo(b.path("id").asText());
    assertThat(gateway.scim().get(path(a)).json().has("groups")).isFalse();
    assertThat(gateway.scim().get(path(b)).json().path("groups").get(0).path("value").asText())
        .isEqualTo(created.path("id").asText());

    Reply added =
        gateway
            .scim()
            .patch(
                groupPath,
                patch(
                    "add",
                    "members",
                    new Object[] {java.util.Map.of("value", a.path("id").asText())}));
    assertThat(added.json().path("members")).hasSize(2);
  }

  @Test
  void patch_of_a_read_only_attribute_is_a_mutability_error_and_changes_nothing() {
    ObjectNode device = newDevice();
    assertScimError(
        gateway.scim().patch(path(device), patch("replace", "groups", new Object[0])),
        400,
        "mutability");
    assertThat(gateway.scim().get(path(device)).json().path("meta").path("version").asText())
        .isEqualTo("W/\"1\"");
  }

  @Test
  void patch_with_a_filter_that_matches_nothing_is_no_target() {
    ObjectNode device = newDevice();
    Reply reply =
        gateway
            .scim()
            .patch(path(device), patch("replace", "groups[value eq \"nope\"].display", "x"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("scimType").asText()).isIn("noTarget", "mutability");
  }

  @Test
  void if_match_with_a_stale_version_is_refused_with_412_for_put_patch_and_delete() {
    ObjectNode device = newDevice();
    String stale = device.path("meta").path("version").asText();
    assertThat(
            gateway
                .scim()
                .patch(path(device), patch("replace", "displayName", "v2"), "If-Match", stale)
                .status())
        .isEqualTo(200);

    assertScimError(gateway.scim().put(path(device), device, "If-Match", stale), 412, null);
    assertScimError(
        gateway
            .scim()
            .patch(path(device), patch("replace", "displayName", "v3"), "If-Match", stale),
        412,
        null);
    assertScimError(gateway.scim().delete(path(device), "If-Match", stale), 412, null);
    assertThat(gateway.scim().get(path(device)).json().path("displayName").asText())
        .isEqualTo("v2");

    Reply current = gateway.scim().get(path(device));
    assertThat(current.header("ETag")).isEqualTo("W/\"2\"");
    assertThat(gateway.scim().get(path(device), "If-None-Match", current.header("ETag")).status())
        .isEqualTo(304);
    assertThat(gateway.scim().delete(path(device), "If-Match", current.header("ETag")).status())
        .isEqualTo(204);
    assertScimError(gateway.scim().get(path(device)), 404, null);
  }

  @Test
  void a_ble_mac_address_registered_twice_is_a_uniqueness_conflict() {
    int n = MACS.incrementAndGet();
    gateway.scim().create("/Devices", Devices.ble("first", n));
    ObjectNode second = Devices.ble("second", n);
    ((ObjectNode) second.get(Devices.BLE)).put("deviceMacAddress", Devices.mac(n).toLowerCase());
    assertScimError(gateway.scim().post("/scim/v2/Devices", second), 409, "uniqueness");

    ObjectNode other = newDevice();
    ObjectNode clash = other.deepCopy();
    ((ObjectNode) clash.get(Devices.BLE)).put("deviceMacAddress", Devices.mac(n));
    assertScimError(gateway.scim().put(path(other), clash), 409, "uniqueness");
  }
}
