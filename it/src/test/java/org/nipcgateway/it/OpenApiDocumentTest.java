package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.OpenApiContract;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.SharedGateway;

/**
 * The OpenAPI document is served, and the contract every test's responses are checked against
 * really rejects what the document does not allow.
 */
class OpenApiDocumentTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();

  private static Reply reply(int status, String contentType, String body) {
    return new Reply(
        status,
        HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (name, value) -> true),
        body);
  }

  @Test
  void the_document_is_served_as_json_and_yaml() {
    Reply json = gateway.scim().get("/openapi.json");
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.json().path("openapi").asText()).startsWith("3.1");
    assertThat(json.json().path("paths").has("/nipc/devices/{id}/actions")).isTrue();

    Reply yaml = gateway.scim().get("/openapi.yaml");
    assertThat(yaml.header("Content-Type")).isEqualTo("application/yaml");
    assertThat(yaml.text()).startsWith("openapi: 3.1");
  }

  @Test
  void the_contract_rejects_bodies_statuses_media_types_and_routes_it_does_not_document() {
    OpenApiContract contract = OpenApiContract.document();
    String actions = "/nipc/devices/d1/actions?instanceId=i1";

    contract.check(
        "GET", actions, reply(200, "application/nipc+json", "{\"status\":\"COMPLETED\"}"));
    assertThatThrownBy(
            () ->
                contract.check(
                    "GET", actions, reply(200, "application/nipc+json", "{\"status\":\"DONE\"}")))
        .hasMessageContaining("does not match the schema");
    assertThatThrownBy(() -> contract.check("GET", actions, reply(200, "text/plain", "COMPLETED")))
        .hasMessageContaining("media type text/plain not documented");
    assertThatThrownBy(
            () ->
                contract.check(
                    "GET", actions, reply(500, "application/problem+json", "{\"title\":\"x\"}")))
        .hasMessageContaining("does not match the schema");
    assertThatThrownBy(
            () -> contract.check("GET", "/nipc/undocumented", reply(200, "application/json", "{}")))
        .hasMessageContaining("no documented route");
    assertThatThrownBy(
            () ->
                contract.check(
                    "POST",
                    "/nipc/devices/d1/actions?actionName=x",
                    reply(201, "application/nipc+json", "{}")))
        .hasMessageContaining("status not documented");
  }
}
