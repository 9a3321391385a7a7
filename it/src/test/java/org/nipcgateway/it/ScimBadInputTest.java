package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.ScimAssertions.assertScimError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SharedGateway;

/** Bad requests get a 4xx SCIM error, never a 5xx, and leave the stored data as it was. */
class ScimBadInputTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();
  private static String existing;

  @BeforeAll
  static void start() {
    existing =
        "/scim/v2/Devices/"
            + gateway.scim().create("/Devices", Devices.ble("existing", 1)).path("id").asText();
  }

  private static ObjectNode device(Function<ObjectNode, ObjectNode> change) {
    return change.apply(Devices.ble("bad", 2));
  }

  private static ObjectNode without(ObjectNode device, String attribute) {
    device.remove(attribute);
    return device;
  }

  private static ObjectNode ble(ObjectNode device) {
    return (ObjectNode) device.get(Devices.BLE);
  }

  private static Arguments bad(
      String name,
      String method,
      String path,
      Object body,
      int status,
      String scimType,
      String... headers) {
    return Arguments.of(name, method, path, body, status, scimType, headers);
  }

  static Stream<Arguments> badRequests() {
    String devices = "/scim/v2/Devices";
    return Stream.of(
        bad("malformed JSON", "POST", devices, "{\"schemas\": [", 400, "invalidSyntax"),
        bad("trailing garbage", "POST", devices, "{} {}", 400, "invalidSyntax"),
        bad(
            "duplicate keys",
            "POST",
            devices,
            "{\"active\":true,\"active\":false}",
            400,
            "invalidSyntax"),
        bad("JSON array", "POST", devices, "[]", 400, "invalidSyntax"),
        bad("empty body", "POST", devices, "", 400, "invalidSyntax"),
        bad(
            "wrong type",
            "POST",
            devices,
            device(d -> d.put("active", "yes")),
            400,
            "invalidValue"),
        bad(
            "missing required",
            "POST",
            devices,
            device(d -> without(d, "active")),
            400,
            "invalidValue"),
        bad(
            "unknown attribute",
            "POST",
            devices,
            device(d -> d.put("colour", "red")),
            400,
            "invalidValue"),
        bad(
            "unknown schema URN",
            "POST",
            devices,
            device(
                d -> {
                  d.withArray("schemas").add("urn:example:unknown");
                  return d;
                }),
            400,
            "invalidValue"),
        bad(
            "no schemas",
            "POST",
            devices,
            device(
                d -> {
                  d.remove("schemas");
                  return d;
                }),
            400,
            "invalidValue"),
        bad(
            "extension of another type",
            "POST",
            "/scim/v2/EndpointApps",
            device(d -> d),
            400,
            "invalidValue"),
        bad(
            "bad MAC address",
            "POST",
            devices,
            device(
                d -> {
                  ble(d).put("deviceMacAddress", "2C:54:91:88:C9");
                  return d;
                }),
            400,
            "invalidValue"),
        bad(
            "bad EUI-64",
            "POST",
            devices,
            Devices.zigbee("z", "50:32:5F:FF:FE:E7:67"),
            400,
            "invalidValue"),
        bad(
            "seven-digit passkey",
            "POST",
            devices,
            device(
                d -> {
                  ((ObjectNode) ble(d).get(Devices.PASS_KEY)).put("key", 1234567);
                  return d;
                }),
            400,
            "invalidValue"),
        bad(
            "passkey as text",
            "POST",
            devices,
            device(
                d -> {
                  ((ObjectNode) ble(d).get(Devices.PASS_KEY)).put("key", "123456");
                  return d;
                }),
            400,
            "invalidValue"),
        bad(
            "unlisted pairing data",
            "POST",
            devices,
            device(
                d -> {
                  ble(d)
                      .putArray("pairingMethods")
                      .add("urn:ietf:params:scim:schemas:extension:pairingNull:2.0:Device");
                  return d;
                }),
            400,
            "invalidValue"),
        bad(
            "unknown pairing method",
            "POST",
            devices,
            device(
                d -> {
                  ble(d).withArray("pairingMethods").add("urn:example:pairing");
                  return d;
                }),
            400,
            "invalidValue"),
        bad(
            "wrong media type",
            "POST",
            devices,
            device(d -> d),
            415,
            null,
            "Content-Type",
            "text/plain"),
        bad(
            "oversize body",
            "POST",
            devices,
            "{\"displayName\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}",
            413,
            null),
        bad("bad UUID in GET", "GET", devices + "/not-a-uuid", null, 404, null),
        bad("bad UUID in PUT", "PUT", devices + "/not-a-uuid", device(d -> d), 404, null),
        bad(
            "bad UUID in PATCH",
            "PATCH",
            devices + "/00000000-0000-0000-0000-000000000000",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"displayName\"}]}",
            404,
            null),
        bad("bad UUID in DELETE", "DELETE", devices + "/not-a-uuid", null, 404, null),
        bad(
            "invalid filter",
            "GET",
            devices + "?filter=" + ScimClient.encode("active eq"),
            null,
            400,
            "invalidFilter"),
        bad(
            "invalid PATCH op",
            "PATCH",
            "EXISTING",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"explode\"}]}",
            400,
            "invalidSyntax"),
        bad(
            "PATCH to an unknown attribute",
            "PATCH",
            "EXISTING",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"colour\",\"value\":\"red\"}]}",
            400,
            null),
        bad(
            "PATCH that breaks a pattern",
            "PATCH",
            "EXISTING",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\""
                + Devices.BLE
                + ":deviceMacAddress\",\"value\":\"nope\"}]}",
            400,
            "invalidValue"),
        bad(
            "PUT without required",
            "PUT",
            "EXISTING",
            device(d -> without(d, "active")),
            400,
            "invalidValue"),
        bad("unknown endpoint", "GET", "/scim/v2/Printers", null, 404, null),
        bad("method not allowed", "DELETE", "/scim/v2/Schemas", null, 405, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void bad_request_is_a_4xx_scim_error_and_stores_nothing(
      String name,
      String method,
      String path,
      Object body,
      int status,
      String scimType,
      String[] headers) {
    JsonNode before = gateway.scim().get("/scim/v2/Devices").json();
    Reply reply =
        gateway.scim().send(method, path.equals("EXISTING") ? existing : path, body, headers);
    assertScimError(reply, status, scimType);
    JsonNode after = gateway.scim().get("/scim/v2/Devices").json();
    assertThat(after).isEqualTo(before);
    assertThat(gateway.scim().get("/health").status()).isEqualTo(200);
  }
}
