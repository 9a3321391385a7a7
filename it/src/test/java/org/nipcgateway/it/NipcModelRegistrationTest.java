package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.nipc.problem.ProblemType;
import org.nipcgateway.core.nipc.problem.ProblemTypes;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SharedGateway;
import org.nipcgateway.it.support.Specs;

/** SDF model registrations (draft-ietf-asdf-nipc, "SDF model registrations APIs"). */
class NipcModelRegistrationTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();
  private static final String MODELS = "/nipc/registrations/models";
  private static final String PROBLEM_BASE = "https://www.iana.org/assignments/nipc-problem-types#";

  private static ObjectNode example(String file) {
    return Specs.json(Specs.root().resolve("nipc/nipc-sdf-example/" + file));
  }

  private static Reply register(ObjectNode model) {
    return gateway.scim().post(MODELS, model, "Content-Type", "application/sdf+json");
  }

  private static String query(String sdfName) {
    return MODELS + "?sdfName=" + ScimClient.encode(sdfName);
  }

  private static void assertProblem(Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode body = reply.json();
    assertThat(body.path("type").asText())
        .isEqualTo(type == null ? "about:blank" : PROBLEM_BASE + type);
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("title").asText()).isNotBlank();
    assertThat(body.path("detail").asText()).isNotBlank().doesNotContain("Exception");
  }

  @Test
  void the_drafts_example_models_register_and_answer_with_their_global_names() {
    Reply thermometer = register(example("thermometer.sdf.json"));
    assertThat(thermometer.status()).as(thermometer.text()).isEqualTo(201);
    assertThat(thermometer.header("Content-Type")).isEqualTo("application/nipc+json");
    assertThat(thermometer.json().toString())
        .isEqualTo("[{\"sdfName\":\"https://example.com/thermometer#/sdfThing/thermometer\"}]");
    assertThat(register(example("thunderboard.sdf.json")).json().get(0).path("sdfName").asText())
        .isEqualTo("https://example.com/thunderboard#/sdfThing/Thunderboard");
    assertThat(register(example("nipc-model.sdf.json")).json().toString())
        .isEqualTo("[{\"sdfName\":\"https://example.com/heartrate#/sdfObject/healthsensor\"}]");

    List<String> names = new ArrayList<>();
    gateway.scim().get(MODELS).json().forEach(r -> names.add(r.path("sdfName").asText()));
    assertThat(names)
        .contains(
            "https://example.com/thermometer#/sdfThing/thermometer",
            "https://example.com/thunderboard#/sdfThing/Thunderboard",
            "https://example.com/heartrate#/sdfObject/healthsensor");
    Reply model =
        gateway.scim().get(query("https://example.com/thermometer#/sdfThing/thermometer"));
    assertThat(model.header("Content-Type")).isEqualTo("application/sdf+json");
    assertThat(model.json()).isEqualTo(example("thermometer.sdf.json"));
  }

  @Test
  void registering_a_name_twice_is_sdf_model_already_registered() {
    ObjectNode model = renamed(example("nipc-model.sdf.json"), "https://example.com/twice");
    assertThat(register(model).status()).isEqualTo(201);
    assertProblem(register(model), 409, "sdf-model-already-registered");
  }

  @Test
  void an_unknown_name_is_invalid_sdf_url() {
    assertProblem(
        gateway.scim().get(query("https://example.com/none#/sdfObject/nothing")),
        400,
        "invalid-sdf-url");
    assertProblem(
        gateway.scim().delete(query("https://example.com/none#/sdfObject/nothing")),
        400,
        "invalid-sdf-url");
  }

  @Test
  void a_model_is_updated_in_place() {
    ObjectNode model = renamed(example("nipc-model.sdf.json"), "https://example.com/updated");
    String name = "https://example.com/updated#/sdfObject/healthsensor";
    register(model);
    ((ObjectNode) model.path("sdfObject").path("healthsensor")).put("description", "changed");
    Reply updated = gateway.scim().put(query(name), model, "Content-Type", "application/sdf+json");
    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    assertThat(updated.json().path("sdfName").asText()).isEqualTo(name);
    assertThat(
            gateway
                .scim()
                .get(query(name))
                .json()
                .path("sdfObject")
                .path("healthsensor")
                .path("description")
                .asText())
        .isEqualTo("changed");
  }

  @Test
  void a_model_a_device_refers_to_is_in_use_until_the_device_goes() {
    ObjectNode model = renamed(example("nipc-model.sdf.json"), "https://example.com/inuse");
    String name = "https://example.com/inuse#/sdfObject/healthsensor";
    register(model);
    ObjectNode device = Devices.ble("monitor", 900);
    device.withArray("schemas").add("urn:ietf:params:scim:schemas:extension:sdf:2.0:Device");
    device
        .putObject("urn:ietf:params:scim:schemas:extension:sdf:2.0:Device")
        .putArray("sdf")
        .add(name);
    String id = gateway.scim().create("/Devices", device).path("id").asText();

    assertProblem(gateway.scim().delete(query(name)), 409, "sdf-model-in-use");
    assertThat(gateway.scim().delete("/scim/v2/Devices/" + id).status()).isEqualTo(204);
    Reply deleted = gateway.scim().delete(query(name));
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("sdfName").asText()).isEqualTo(name);
    assertProblem(gateway.scim().get(query(name)), 400, "invalid-sdf-url");
  }

  @Test
  void malformed_models_are_refused_with_problem_details_and_nothing_is_registered() {
    int before = gateway.scim().get(MODELS).json().size();
    ObjectNode unmapped = renamed(example("nipc-model.sdf.json"), "https://example.com/unmapped");
    ((ObjectNode)
            unmapped.path("sdfObject").path("healthsensor").path("sdfProperty").elements().next())
        .remove("sdfProtocolMap");
    assertProblem(register(unmapped), 400, null);
    ObjectNode nameless = example("nipc-model.sdf.json");
    nameless.remove("defaultNamespace");
    assertProblem(register(nameless), 400, null);
    assertProblem(
        gateway.scim().post(MODELS, "{\"sdfObject\": ", "Content-Type", "application/sdf+json"),
        400,
        null);
    assertProblem(
        gateway.scim().post(MODELS, example("nipc-model.sdf.json"), "Content-Type", "text/plain"),
        415,
        null);
    assertProblem(
        gateway
            .scim()
            .put(MODELS, example("nipc-model.sdf.json"), "Content-Type", "application/sdf+json"),
        400,
        null);
    assertProblem(gateway.scim().get("/nipc/nothing-here"), 404, null);
    assertThat(gateway.scim().get(MODELS).json().size()).isEqualTo(before);
  }

  @Test
  void the_well_known_document_names_the_base_path() {
    JsonNode wellKnown = gateway.scim().get("/.well-known/nipc").json();
    assertThat(wellKnown.path("base_path").asText()).isEqualTo("/nipc");
  }

  @Test
  void our_problem_types_are_exactly_the_drafts() throws Exception {
    String openApi = Files.readString(Specs.root().resolve("nipc/nipc-openapi/NIPC.yaml"));
    Set<String> draft = new LinkedHashSet<>();
    Matcher m = Pattern.compile("nipc-problem-types#([a-z0-9-]+)").matcher(openApi);
    while (m.find()) {
      draft.add(m.group(1));
    }
    assertThat(NipcProblem.values())
        .extracting(NipcProblem::wireName)
        .containsExactlyInAnyOrderElementsOf(draft);
    assertThat(ProblemTypes.load().all())
        .extracting(ProblemType::name)
        .containsExactlyInAnyOrderElementsOf(draft);
    assertThat(ProblemTypes.load().all())
        .allSatisfy(t -> assertThat(t.uri()).isEqualTo(PROBLEM_BASE + t.name()));
  }

  /** The same model under another namespace, so tests do not collide. */
  private static ObjectNode renamed(ObjectNode model, String namespaceUri) {
    String prefix = model.path("defaultNamespace").asText();
    ((ObjectNode) model.path("namespace")).put(prefix, namespaceUri);
    return model;
  }
}
