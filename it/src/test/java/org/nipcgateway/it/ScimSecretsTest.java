package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nipcgateway.it.support.ScimAssertions.assertScimError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SharedGateway;

/** Attributes returned "never" stay out of every response; client tokens are shown once. */
class ScimSecretsTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();
  private static final String IRK = "3f1e2d4c5b6a79880f1e2d3c4b5a69";
  private static final String BOOTSTRAP_KEY =
      "MDkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDIgADsecretbootstrapkey0000000000000000000000000=";
  private static final String VOUCHER = "-----BEGIN OWNERSHIP VOUCHER-----secret-voucher";
  private static final List<String> SECRETS = List.of(IRK, BOOTSTRAP_KEY, VOUCHER);

  /** IRKs are unique per device, so each test device gets its own (all start with IRK). */
  private static String irk(int n) {
    return IRK + String.format("%02d", n);
  }

  private static ObjectNode deviceWithSecrets(int n) {
    ObjectNode device = Devices.ble("secretive", n);
    ObjectNode ble = (ObjectNode) device.get(Devices.BLE);
    ble.put("isRandom", true);
    ble.put("irk", irk(n));
    device.withArray("schemas").add(Devices.DPP);
    device.putObject(Devices.DPP).put("dppVersion", 2).put("bootstrapKey", BOOTSTRAP_KEY);
    String fdo = "urn:ietf:params:scim:schemas:extension:fido-device-onboard:2.0:Devices";
    device.withArray("schemas").add(fdo);
    device.putObject(fdo).put("fdoVoucher", VOUCHER);
    return device;
  }

  private static void assertNoSecret(Reply reply) {
    assertThat(reply.status()).as(reply.text()).isLessThan(300);
    SECRETS.forEach(secret -> assertThat(reply.text()).doesNotContain(secret));
    assertThat(reply.text())
        .doesNotContain("\"irk\"")
        .doesNotContain("bootstrapKey")
        .doesNotContain("fdoVoucher");
  }

  @Test
  void never_returned_attributes_are_absent_from_create_get_list_search_put_and_patch_responses() {
    Reply created = gateway.scim().post("/scim/v2/Devices", deviceWithSecrets(1));
    assertNoSecret(created);
    String path = "/scim/v2/Devices/" + created.json().path("id").asText();
    assertNoSecret(gateway.scim().get(path));
    assertNoSecret(gateway.scim().get("/scim/v2/Devices"));
    assertNoSecret(gateway.scim().get("/scim/v2/Devices?attributes=" + Devices.BLE + ":irk"));
    ObjectNode search = ScimClient.JSON.createObjectNode();
    search.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:SearchRequest");
    assertNoSecret(gateway.scim().post("/scim/v2/.search", search));
    ObjectNode patch = ScimClient.JSON.createObjectNode();
    patch.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    patch
        .putArray("Operations")
        .addObject()
        .put("op", "replace")
        .put("path", "displayName")
        .put("value", "patched");
    assertNoSecret(gateway.scim().patch(path, patch));
    assertNoSecret(gateway.scim().put(path, gateway.scim().get(path).json()));
  }

  @Test
  void a_put_that_omits_a_never_returned_attribute_keeps_it() {
    Reply created = gateway.scim().post("/scim/v2/Devices", deviceWithSecrets(2));
    String path = "/scim/v2/Devices/" + created.json().path("id").asText();
    JsonNode readable = gateway.scim().get(path).json();
    assertThat(gateway.scim().put(path, readable).status()).isEqualTo(200);
    // The irk is unique per device: a second device with it conflicts, so the first still has it.
    ObjectNode twin = deviceWithSecrets(3);
    ((ObjectNode) twin.get(Devices.BLE)).put("irk", irk(2));
    assertScimError(gateway.scim().post("/scim/v2/Devices", twin), 409, "uniqueness");
  }

  @Test
  void an_endpoint_app_without_certificate_gets_a_random_client_token_shown_only_on_create() {
    ObjectNode app = ScimClient.JSON.createObjectNode();
    app.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:EndpointApp");
    app.put("applicationType", "telemetry");
    app.put("applicationName", "collector");
    Reply first = gateway.scim().post("/scim/v2/EndpointApps", app);
    Reply second = gateway.scim().post("/scim/v2/EndpointApps", app);
    String token = first.json().path("clientToken").asText();
    assertThat(Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);
    assertThat(second.json().path("clientToken").asText()).isNotEqualTo(token);

    Reply read = gateway.scim().get("/scim/v2/EndpointApps/" + first.json().path("id").asText());
    assertThat(read.json().has("clientToken")).isFalse();
    assertThat(gateway.scim().get("/scim/v2/EndpointApps").text()).doesNotContain(token);
  }

  @Test
  void an_endpoint_app_with_a_certificate_gets_no_token_and_its_type_must_be_canonical() {
    ObjectNode app = ScimClient.JSON.createObjectNode();
    app.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:EndpointApp");
    app.put("applicationType", "deviceControl");
    app.put("applicationName", "controller");
    app.putObject("certificateInfo").put("subjectName", "controller.example.com");
    assertThat(gateway.scim().post("/scim/v2/EndpointApps", app).json().has("clientToken"))
        .isFalse();
    app.put("applicationType", "remoteControl");
    assertScimError(gateway.scim().post("/scim/v2/EndpointApps", app), 400, "invalidValue");
  }
}
