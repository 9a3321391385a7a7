package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.config.GatewayConfig;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.Specs;

/**
 * A registered SDF model decides what the commands of every device using it send, so only the
 * client that registered it (or an operator) may replace or delete it, a model in use only by a
 * caller allowed to control every device using it, and no refusal names a device the caller cannot
 * see (issue 15, finding 1).
 */
class ModelOwnershipTest {
  private static final String MODELS = "/nipc/registrations/models";
  private static final String IN_USE =
      "https://www.iana.org/assignments/nipc-problem-types#sdf-model-in-use";

  private static ObjectNode model(String namespaceUri) {
    ObjectNode model =
        Specs.json(Specs.root().resolve("nipc/nipc-sdf-example/nipc-model.sdf.json"));
    ((ObjectNode) model.path("namespace"))
        .put(model.path("defaultNamespace").asText(), namespaceUri);
    return model;
  }

  private static String name(String namespaceUri) {
    return namespaceUri + "#/sdfObject/healthsensor";
  }

  private static String query(String sdfName) {
    return MODELS + "?sdfName=" + ScimClient.encode(sdfName);
  }

  /** A deviceControl app's client, linked to no device. */
  private static ScimClient controlApp(RunningGateway gateway, String appName) {
    ObjectNode app =
        gateway.scim().create("/EndpointApps", EndpointApps.of("deviceControl", appName));
    return gateway.scim().withToken(app.path("clientToken").asText());
  }

  private static Reply register(ScimClient client, ObjectNode model) {
    return client.post(MODELS, model, "Content-Type", "application/sdf+json");
  }

  private static Reply replace(ScimClient client, String sdfName, ObjectNode model) {
    return client.put(query(sdfName), model, "Content-Type", "application/sdf+json");
  }

  /** The same model with one property's description changed: a visible, harmless replacement. */
  private static ObjectNode changed(ObjectNode model, String description) {
    ObjectNode copy = model.deepCopy();
    ((ObjectNode) copy.path("sdfObject").path("healthsensor")).put("description", description);
    return copy;
  }

  @Test
  void an_app_cannot_replace_or_delete_a_model_an_operator_registered() {
    try (RunningGateway gateway = RunningGateway.start()) {
      String ns = "https://example.com/operators";
      assertThat(register(gateway.scim(), model(ns)).status()).isEqualTo(201);
      ScimClient intruder = controlApp(gateway, "intruder");

      Reply replaced = replace(intruder, name(ns), changed(model(ns), "tampered"));
      assertThat(replaced.status()).as(replaced.text()).isEqualTo(403);
      assertThat(replaced.header("Content-Type")).isEqualTo("application/problem+json");
      Reply deleted = intruder.delete(query(name(ns)));
      assertThat(deleted.status()).as(deleted.text()).isEqualTo(403);

      assertThat(gateway.scim().get(query(name(ns))).json()).isEqualTo(model(ns));
      assertThat(replace(gateway.scim(), name(ns), changed(model(ns), "by the operator")).status())
          .isEqualTo(200);
    }
  }

  @Test
  void a_model_is_changed_and_deleted_by_the_app_that_registered_it_and_no_other() {
    try (RunningGateway gateway = RunningGateway.start()) {
      String ns = "https://example.com/app-a";
      ScimClient owner = controlApp(gateway, "owner");
      ScimClient other = controlApp(gateway, "other");
      assertThat(register(owner, model(ns)).status()).isEqualTo(201);

      assertThat(replace(other, name(ns), changed(model(ns), "by B")).status()).isEqualTo(403);
      assertThat(other.delete(query(name(ns))).status()).isEqualTo(403);
      Reply replaced = replace(owner, name(ns), changed(model(ns), "by A"));
      assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
      assertThat(owner.get(query(name(ns))).json()).isEqualTo(changed(model(ns), "by A"));
      assertThat(owner.delete(query(name(ns))).status()).isEqualTo(200);
    }
  }

  @Test
  void the_owner_is_kept_with_the_model_across_a_restart() throws Exception {
    Path dataDir = Files.createTempDirectory("nipc-it-owner-");
    String ns = "https://example.com/kept";
    String ownerToken;
    String otherToken;
    try (RunningGateway gateway = RunningGateway.start(dataDir, GatewayConfig.builder())) {
      ScimClient owner = controlApp(gateway, "owner");
      ownerToken = owner.token();
      otherToken = controlApp(gateway, "other").token();
      assertThat(register(owner, model(ns)).status()).isEqualTo(201);
    }
    try (RunningGateway gateway = RunningGateway.start(dataDir, GatewayConfig.builder())) {
      ScimClient owner = gateway.scim().withToken(ownerToken);
      ScimClient other = gateway.scim().withToken(otherToken);
      assertThat(replace(other, name(ns), changed(model(ns), "by B")).status()).isEqualTo(403);
      assertThat(replace(owner, name(ns), changed(model(ns), "by A")).status()).isEqualTo(200);
    }
  }

  @Test
  void a_model_in_use_is_changed_only_by_a_caller_allowed_to_control_every_device_using_it() {
    try (RunningGateway gateway = RunningGateway.start()) {
      String ns = "https://example.com/in-use";
      ObjectNode app =
          gateway.scim().create("/EndpointApps", EndpointApps.of("deviceControl", "owner"));
      String appId = app.path("id").asText();
      ScimClient owner = gateway.scim().withToken(app.path("clientToken").asText());
      assertThat(register(owner, model(ns)).status()).isEqualTo(201);
      String mine =
          gateway
              .scim()
              .create("/Devices", Devices.withModel(Devices.ble("mine", 0x51), name(ns)))
              .path("id")
              .asText();
      String hidden =
          gateway
              .scim()
              .create("/Devices", Devices.withModel(Devices.ble("not the app's", 0x52), name(ns)))
              .path("id")
              .asText();
      Links.group(gateway.scim(), appId, List.of(mine));

      Reply replaced = replace(owner, name(ns), changed(model(ns), "while in use"));
      assertThat(replaced.status()).as(replaced.text()).isEqualTo(409);
      assertThat(replaced.json().path("type").asText()).isEqualTo(IN_USE);
      assertThat(replaced.text()).doesNotContain(hidden).doesNotContain(mine);
      Reply deleted = owner.delete(query(name(ns)));
      assertThat(deleted.status()).as(deleted.text()).isEqualTo(409);
      assertThat(deleted.json().path("type").asText()).isEqualTo(IN_USE);
      assertThat(deleted.text()).doesNotContain(hidden).contains(mine);

      Links.group(gateway.scim(), appId, List.of(hidden));
      Reply allowed = replace(owner, name(ns), changed(model(ns), "now all are mine"));
      assertThat(allowed.status()).as(allowed.text()).isEqualTo(200);
    }
  }

  @Test
  void the_in_use_refusal_names_no_device_the_caller_cannot_see() {
    try (RunningGateway gateway = RunningGateway.start()) {
      String ns = "https://example.com/shared";
      ScimClient owner = controlApp(gateway, "owner");
      assertThat(register(owner, model(ns)).status()).isEqualTo(201);
      String device =
          gateway
              .scim()
              .create("/Devices", Devices.withModel(Devices.ble("operator's", 0x53), name(ns)))
              .path("id")
              .asText();

      Reply refused = owner.delete(query(name(ns)));
      assertThat(refused.status()).as(refused.text()).isEqualTo(409);
      assertThat(refused.json().path("detail").asText())
          .doesNotContain(device)
          .contains("1 device");
      Reply toOperator = gateway.scim().delete(query(name(ns)));
      assertThat(toOperator.status()).isEqualTo(409);
      assertThat(toOperator.json().path("detail").asText()).contains(device);
    }
  }
}
