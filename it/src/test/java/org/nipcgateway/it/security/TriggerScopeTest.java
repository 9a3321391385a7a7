package org.nipcgateway.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.it.support.DemoGateway;
import org.nipcgateway.it.support.EndpointApps;
import org.nipcgateway.it.support.Links;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;

/** A trigger may not become a way around device scope: its action's target must be linked too. */
class TriggerScopeTest {
  @RegisterExtension static final DemoGateway demo = new DemoGateway();

  @Test
  void an_app_cannot_trigger_an_action_on_a_device_it_is_not_linked_to() {
    var created = demo.client().create("/EndpointApps", EndpointApps.of("deviceControl", "Panel"));
    String app = created.path("id").asText();
    ScimClient panel = demo.client().withToken(created.path("clientToken").asText());
    Links.group(demo.client(), app, List.of(demo.button()));

    String trigger =
        DemoGateway.path(
            demo.button(),
            "triggers",
            "eventName",
            DemoGateway.name("button", "sdfEvent", "pressed"));
    String action =
        "{\"action\": \"/nipc/devices/"
            + demo.light()
            + "/actions?actionName="
            + ScimClient.encode(DemoGateway.name("light", "sdfAction", "toggle"))
            + "\"}";
    Reply refused = panel.send("POST", trigger, action, "Content-Type", "application/nipc+json");
    assertThat(refused.status()).as(refused.text()).isEqualTo(403);

    Links.group(demo.client(), app, List.of(demo.light()));
    Reply installed = panel.send("POST", trigger, action, "Content-Type", "application/nipc+json");
    assertThat(installed.status()).as(installed.text()).isEqualTo(201);
    assertThat(panel.delete(installed.header("Location")).status()).isEqualTo(204);
  }
}
