package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScenarioGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.radio.World;

/**
 * SCIM bulk requests (RFC 7644, section 3.7): operations run in one request, each as if sent alone,
 * with bulkId references forwards and backwards, per-operation results in request order, {@code
 * failOnErrors}, and limits advertised in /ServiceProviderConfig and enforced with 413.
 */
class ScimBulkTest {
  private static final int MAX_OPERATIONS = 1001;
  private static final int MAX_PAYLOAD = 2 * 1024 * 1024;
  private static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

  @RegisterExtension
  static final ScenarioGateway gateway =
      new ScenarioGateway(
          World.empty(),
          config ->
              config.moduleSettings(
                  "scim",
                  new JsonObject()
                      .put(
                          "bulk",
                          new JsonObject()
                              .put("maxOperations", MAX_OPERATIONS)
                              .put("maxPayloadBytes", MAX_PAYLOAD))));

  private static ScimClient scim() {
    return gateway.scim().withTimeout(Duration.ofMinutes(3));
  }

  private static ObjectNode request(Integer failOnErrors) {
    ObjectNode request = ScimClient.JSON.createObjectNode();
    request.putArray("schemas").add(BULK_REQUEST);
    if (failOnErrors != null) {
      request.put("failOnErrors", failOnErrors);
    }
    request.putArray("Operations");
    return request;
  }

  private static ObjectNode operation(
      ObjectNode request, String method, String path, String bulkId, ObjectNode data) {
    ObjectNode operation = ((ArrayNode) request.get("Operations")).addObject();
    operation.put("method", method).put("path", path);
    if (bulkId != null) {
      operation.put("bulkId", bulkId);
    }
    if (data != null) {
      operation.set("data", data);
    }
    return operation;
  }

  private static ObjectNode group(String name, String... memberValues) {
    ObjectNode group = ScimClient.JSON.createObjectNode();
    group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    group.put("displayName", name);
    ArrayNode members = group.putArray("members");
    for (String value : memberValues) {
      members.addObject().put("value", value);
    }
    return group;
  }

  private static Reply bulk(ObjectNode request) {
    return scim().post("/scim/v2/Bulk", request);
  }

  private static List<String> statuses(Reply reply) {
    List<String> statuses = new ArrayList<>();
    reply.json().path("Operations").forEach(o -> statuses.add(o.path("status").asText()));
    return statuses;
  }

  private static String idOf(JsonNode result) {
    String location = result.path("location").asText();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static int devicesNamed(String name) {
    return scim()
        .get("/scim/v2/Devices?filter=" + ScimClient.encode("displayName eq \"" + name + "\""))
        .json()
        .path("totalResults")
        .asInt();
  }

  @Test
  void a_thousand_devices_and_a_group_that_refers_forwards_to_them_are_created_in_one_request() {
    ObjectNode request = request(null);
    operation(request, "POST", "/Groups", "fleet", group("bulk fleet", "bulkId:d0", "bulkId:d999"));
    for (int i = 0; i < 1000; i++) {
      operation(request, "POST", "/Devices", "d" + i, Devices.ble("bulk device " + i, 10_000 + i));
    }

    Reply reply = bulk(request);

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    JsonNode results = reply.json().path("Operations");
    assertThat(results).hasSize(1001);
    assertThat(statuses(reply)).containsOnly("201");
    assertThat(results.get(0).path("bulkId").asText()).isEqualTo("fleet");
    assertThat(results.get(1000).path("bulkId").asText()).isEqualTo("d999");
    JsonNode group = scim().get("/scim/v2/Groups/" + idOf(results.get(0))).json();
    List<String> members = new ArrayList<>();
    group.path("members").forEach(m -> members.add(m.path("value").asText()));
    assertThat(members).containsExactlyInAnyOrder(idOf(results.get(1)), idOf(results.get(1000)));
    assertThat(scim().get("/scim/v2/Devices/" + idOf(results.get(500))).status()).isEqualTo(200);
    assertThat(results.get(500).path("version").asText()).startsWith("W/");
  }

  @Test
  void a_failing_operation_is_reported_in_place_while_the_others_succeed() {
    ObjectNode broken = Devices.ble("bulk broken", 20_001);
    ((ObjectNode) broken.get(Devices.BLE)).put("deviceMacAddress", "not a MAC");
    ObjectNode rename = ScimClient.JSON.createObjectNode();
    rename.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    rename
        .putArray("Operations")
        .addObject()
        .put("op", "replace")
        .put("path", "displayName")
        .put("value", "bulk renamed");
    ObjectNode request = request(null);
    operation(request, "POST", "/Devices", "good", Devices.ble("bulk good", 20_000));
    operation(request, "POST", "/Devices", "bad", broken);
    operation(request, "PATCH", "/Devices/bulkId:good", null, rename);
    operation(request, "DELETE", "/Devices/00000000-0000-0000-0000-000000000000", null, null);

    Reply reply = bulk(request);

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(statuses(reply)).containsExactly("201", "400", "200", "404");
    JsonNode failure = reply.json().path("Operations").get(1).path("response");
    assertThat(failure.path("schemas").get(0).asText()).isEqualTo(ERROR);
    assertThat(failure.path("detail").asText()).isNotBlank().doesNotContain("Exception");
    assertThat(devicesNamed("bulk renamed")).isEqualTo(1);
    assertThat(devicesNamed("bulk broken")).isZero();
  }

  @Test
  void fail_on_errors_stops_the_request_and_leaves_the_rest_unrun_and_unreported() {
    ObjectNode request = request(1);
    ObjectNode noSchemas = Devices.ble("bulk unrun first", 30_000);
    noSchemas.remove("schemas");
    operation(request, "POST", "/Devices", "first", noSchemas);
    operation(request, "POST", "/Devices", "second", Devices.ble("bulk unrun second", 30_001));

    Reply reply = bulk(request);

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(statuses(reply)).containsExactly("400");
    assertThat(devicesNamed("bulk unrun second")).isZero();
  }

  @Test
  void references_to_failed_unknown_or_circular_bulk_ids_fail_their_operations() {
    ObjectNode broken = Devices.ble("bulk never", 40_000);
    broken.remove("schemas");
    ObjectNode request = request(null);
    operation(request, "POST", "/Devices", "never", broken);
    operation(request, "POST", "/Groups", "g1", group("bulk g1", "bulkId:never"));
    operation(request, "POST", "/Groups", "g2", group("bulk g2", "bulkId:nobody"));
    operation(request, "POST", "/Groups", "g3", group("bulk g3", "bulkId:g4"));
    operation(request, "POST", "/Groups", "g4", group("bulk g4", "bulkId:g3"));

    Reply reply = bulk(request);

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(statuses(reply)).containsExactly("400", "409", "400", "400", "409");
    assertThat(reply.json().path("Operations").get(3).path("response").path("detail").asText())
        .contains("cycle");
  }

  @Test
  void the_limits_are_advertised_and_a_larger_request_is_refused_with_413_running_nothing() {
    JsonNode config = scim().get("/scim/v2/ServiceProviderConfig").json().path("bulk");
    assertThat(config.path("supported").asBoolean()).isTrue();
    assertThat(config.path("maxOperations").asInt()).isEqualTo(MAX_OPERATIONS);
    assertThat(config.path("maxPayloadSize").asInt()).isEqualTo(MAX_PAYLOAD);

    ObjectNode tooMany = request(null);
    for (int i = 0; i <= MAX_OPERATIONS; i++) {
      operation(tooMany, "POST", "/Devices", "m" + i, Devices.ble("bulk too many", 50_000 + i));
    }
    Reply many = bulk(tooMany);
    assertThat(many.status()).as(many.text()).isEqualTo(413);
    assertThat(many.json().path("schemas").get(0).asText()).isEqualTo(ERROR);

    ObjectNode tooLarge = request(null);
    ObjectNode large = Devices.ble("bulk too large", 60_000);
    large.put("externalId", "x".repeat(MAX_PAYLOAD));
    operation(tooLarge, "POST", "/Devices", "large", large);
    Reply big = bulk(tooLarge);
    assertThat(big.status()).as(big.text()).isEqualTo(413);
    assertThat(big.json().path("detail").asText()).contains("maxPayloadSize");

    assertThat(devicesNamed("bulk too many")).isZero();
    assertThat(devicesNamed("bulk too large")).isZero();
  }

  @Test
  void malformed_bulk_requests_are_refused_with_400_and_store_nothing() {
    ObjectNode wrongSchema = request(null);
    wrongSchema.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    operation(wrongSchema, "POST", "/Devices", "a", Devices.ble("bulk malformed", 70_000));
    ObjectNode getMethod = request(null);
    operation(getMethod, "GET", "/Devices", null, null);
    ObjectNode postWithoutBulkId = request(null);
    operation(postWithoutBulkId, "POST", "/Devices", null, Devices.ble("bulk malformed", 70_001));
    ObjectNode duplicateBulkIds = request(null);
    operation(duplicateBulkIds, "POST", "/Devices", "same", Devices.ble("bulk malformed", 70_002));
    operation(duplicateBulkIds, "POST", "/Devices", "same", Devices.ble("bulk malformed", 70_003));
    ObjectNode noOperations = request(null);

    for (ObjectNode malformed :
        List.of(wrongSchema, getMethod, postWithoutBulkId, duplicateBulkIds, noOperations)) {
      Reply reply = bulk(malformed);
      assertThat(reply.status()).as(reply.text()).isEqualTo(400);
      assertThat(reply.json().path("schemas").get(0).asText()).isEqualTo(ERROR);
    }
    assertThat(scim().post("/scim/v2/Bulk", "{\"schemas\":").status()).isEqualTo(400);
    assertThat(devicesNamed("bulk malformed")).isZero();
  }

  @Test
  void a_bulk_request_needs_provisioning_credentials() {
    ObjectNode request = request(null);
    operation(request, "POST", "/Devices", "a", Devices.ble("bulk anonymous", 80_000));

    Reply reply = scim().withToken(null).post("/scim/v2/Bulk", request);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(devicesNamed("bulk anonymous")).isZero();
  }
}
