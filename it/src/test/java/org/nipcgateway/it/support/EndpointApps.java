package org.nipcgateway.it.support;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** SCIM EndpointApp bodies for tests. */
public final class EndpointApps {
  private EndpointApps() {}

  /** An app of type {@code deviceControl} or {@code telemetry}, without certificateInfo. */
  public static ObjectNode of(String type, String name) {
    ObjectNode app = ScimClient.JSON.createObjectNode();
    app.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:EndpointApp");
    app.put("applicationType", type);
    app.put("applicationName", name);
    return app;
  }
}
