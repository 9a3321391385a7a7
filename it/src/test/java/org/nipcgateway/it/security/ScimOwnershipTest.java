package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.nipcgateway.it.support.Devices;
import org.nipcgateway.it.support.OperatorTokens;
import org.nipcgateway.it.support.RunningGateway;
import org.nipcgateway.it.support.ScimClient;

/**
 * A SCIM client sees only the objects it created, and those of the clients it was granted ({@code
 * token create --client NAME --sees OTHER}); the operator sees everything.
 */
class ScimOwnershipTest {

  @Test
  void clients_see_their_own_and_granted_objects_only() {
    try (RunningGateway gateway = RunningGateway.start()) {
      ScimClient alice =
          gateway
              .scim()
              .withToken(OperatorTokens.client(gateway.dataDir(), "provisioning", "alice"));
      ScimClient bob =
          gateway.scim().withToken(OperatorTokens.client(gateway.dataDir(), "provisioning", "bob"));
      ScimClient auditor =
          gateway
              .scim()
              .withToken(
                  OperatorTokens.client(gateway.dataDir(), "provisioning", "carol", "alice"));

      String aliceDevice = alice.create("/Devices", Devices.ble("Alice's", 1)).path("id").asText();
      String bobDevice = bob.create("/Devices", Devices.ble("Bob's", 2)).path("id").asText();

      assertThat(bob.get("/scim/v2/Devices/" + aliceDevice).status()).isEqualTo(404);
      assertThat(bob.delete("/scim/v2/Devices/" + aliceDevice).status()).isEqualTo(404);
      assertThat(bob.list("/Devices", "").path("totalResults").asInt()).isEqualTo(1);
      assertThat(auditor.get("/scim/v2/Devices/" + aliceDevice).status()).isEqualTo(200);
      assertThat(auditor.get("/scim/v2/Devices/" + bobDevice).status()).isEqualTo(404);
      assertThat(gateway.scim().list("/Devices", "").path("totalResults").asInt()).isEqualTo(2);

      // Grouping what one cannot see would extend an app's reach to it: refused.
      ObjectNode group = ScimClient.JSON.createObjectNode();
      group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
      group.put("displayName", "bob's grab");
      group.putArray("members").addObject().put("value", aliceDevice);
      assertThat(bob.post("/scim/v2/Groups", group).status()).isEqualTo(400);
      assertThat(alice.get("/scim/v2/Devices/" + aliceDevice).json().has("groups")).isFalse();
    }
  }
}
