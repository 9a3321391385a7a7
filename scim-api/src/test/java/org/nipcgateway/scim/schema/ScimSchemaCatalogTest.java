package org.nipcgateway.scim.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.scim2.common.types.AttributeDefinition;
import org.junit.jupiter.api.Test;

class ScimSchemaCatalogTest {
  private final ScimSchemaCatalog catalog = ScimSchemaCatalog.load();

  @Test
  void loads_every_device_model_schema_and_the_three_resource_types() {
    assertThat(catalog.schemas()).hasSize(14);
    assertThat(catalog.resourceTypes())
        .extracting(ScimResourceType::name)
        .containsExactly("Device", "EndpointApp", "Group");
    assertThat(catalog.resourceType("Device").extensions()).hasSize(7);
    assertThat(catalog.pairingTypes()).hasSize(4);
  }

  @Test
  void secrets_of_the_draft_are_never_returned() {
    assertThat(returned("urn:ietf:params:scim:schemas:extension:ble:2.0:Device", "irk"))
        .isEqualTo(AttributeDefinition.Returned.NEVER);
    assertThat(returned("urn:ietf:params:scim:schemas:extension:dpp:2.0:Device", "bootstrapKey"))
        .isEqualTo(AttributeDefinition.Returned.NEVER);
    assertThat(
            returned(
                "urn:ietf:params:scim:schemas:extension:fido-device-onboard:2.0:Devices",
                "fdoVoucher"))
        .isEqualTo(AttributeDefinition.Returned.NEVER);
  }

  @Test
  void the_draft_spellings_of_schema_urns_map_to_ours() {
    assertThat(catalog.canonicalUrn("urn:ietf:params:scim:schemas:core:2.0:Devices"))
        .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Device");
  }

  @Test
  void mac_and_eui64_patterns_and_application_types_become_rules() {
    assertThat(catalog.rules())
        .extracting(r -> r.path().toString())
        .contains(
            "urn:ietf:params:scim:schemas:extension:ble:2.0:Device:deviceMacAddress",
            "urn:ietf:params:scim:schemas:extension:zigbee:2.0:Device:deviceEui64Address",
            "urn:ietf:params:scim:schemas:core:2.0:EndpointApp:applicationType");
  }

  private AttributeDefinition.Returned returned(String urn, String attribute) {
    return catalog.findSchema(urn).orElseThrow().getAttributes().stream()
        .filter(a -> a.getName().equals(attribute))
        .findFirst()
        .orElseThrow()
        .getReturned();
  }
}
