package org.nipcgateway.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks shared by the SCIM tests. */
public final class ScimAssertions {
  public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

  private ScimAssertions() {}

  /** A SCIM error (RFC 7644 section 3.12) with the given status and scimType (null: none). */
  public static void assertScimError(Reply reply, int status, String scimType) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/scim+json");
    JsonNode body = reply.json();
    assertThat(body.path("schemas").get(0).asText()).isEqualTo(ERROR_SCHEMA);
    assertThat(body.path("status").asText()).isEqualTo(String.valueOf(status));
    assertThat(body.path("detail").asText())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    if (scimType != null) {
      assertThat(body.path("scimType").asText()).isEqualTo(scimType);
    }
  }
}
