package org.nipcgateway.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nipcgateway.core.device.ScimNames;

class PackedJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode device() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
            {"schemas":["%s","%s","%s","urn:ietf:params:scim:schemas:extension:other:1.0:Device"],
             "displayName":"Stra\u00dfe \u2603 \\u0001 \\u001f tab\\t","active":true,"n":12,"big":12345678901234,
             "f":1.5,"nothing":null,"%s":{"versionSupport":["5.3"],"deviceMacAddress":"02:BE:00:00:13:88",
             "pairingMethods":["%s","%s"]},
             "%s":{"fdoVoucher":"x"}}
            """
                .formatted(
                    ScimNames.CORE_DEVICE_SCHEMA,
                    ScimNames.BLE,
                    ScimNames.FDO_DRAFT_SPELLING,
                    ScimNames.BLE,
                    ScimNames.PAIRING_JUST_WORKS,
                    ScimNames.PAIRING_PASS_KEY,
                    ScimNames.FDO));
  }

  @Test
  void packed_attributes_read_back_as_the_same_tree_in_a_fraction_of_the_text() throws Exception {
    ObjectNode device = device();

    byte[] packed = PackedJson.pack(device);

    assertThat(PackedJson.unpack(packed)).isEqualTo(device);
    assertThat(PackedJson.unpack(packed).toString()).isEqualTo(device.toString());
    assertThat(packed.length).isLessThan(device.toString().length() / 2);
  }

  @Test
  void a_packed_resource_equals_the_tree_it_was_made_from_and_hands_out_copies() throws Exception {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    StoredResource tree =
        new StoredResource("d1", "Device", 3, now, now, device(), JSON.createObjectNode());

    StoredResource packed = tree.packed();
    packed.attributes().put("displayName", "changed");
    packed.attributesToChange().remove("active");

    assertThat(packed).isEqualTo(tree);
    assertThat(packed.attributes()).isNotSameAs(packed.attributes());
    assertThat(packed.withAttributes(device(), now).version()).isEqualTo(4);
  }
}
