package org.nipcgateway.simulators.zigbee;

import static org.assertj.core.api.Assertions.assertThat;

import com.zsmartsystems.zigbee.zcl.ZclFieldSerializer;
import com.zsmartsystems.zigbee.zcl.clusters.general.DiscoverAttributesCommand;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Attribute;
import org.nipcgateway.simulators.zigbee.SimulatedZigbeeNetwork.Key;

/**
 * Golden bytes of the simulated nodes' Discover Attributes Response payloads (after the header).
 */
class AttributeDiscoveryTest {
  private static final int ON_OFF = 0x0006;
  private static final Map<Key, Attribute> NODE =
      Map.of(
          new Key(1, ON_OFF, 0x0000, Optional.empty()), new Attribute(0x10, false, new byte[] {0}),
          new Key(1, ON_OFF, 0x4001, Optional.empty()), new Attribute(0x21, true, new byte[2]),
          new Key(1, ON_OFF, 0x4000, Optional.of(0x115F)), new Attribute(0x21, true, new byte[2]),
          new Key(2, ON_OFF, 0x0000, Optional.empty()), new Attribute(0x10, false, new byte[] {1}));

  @Test
  void a_page_holding_every_standard_attribute_is_complete_and_lists_ids_and_types_in_order() {
    assertThat(answer(0, 16, Optional.empty()))
        .containsExactly(0x01, 0x00, 0x00, 0x10, 0x01, 0x40, 0x21);
  }

  @Test
  void a_page_too_small_for_the_rest_is_not_complete_and_the_next_starts_after_it() {
    assertThat(answer(0, 1, Optional.empty())).containsExactly(0x00, 0x00, 0x00, 0x10);
    assertThat(answer(1, 1, Optional.empty())).containsExactly(0x01, 0x01, 0x40, 0x21);
  }

  @Test
  void a_manufacturer_specific_request_lists_that_manufacturers_attributes_only() {
    assertThat(answer(0, 16, Optional.of(0x115F))).containsExactly(0x01, 0x00, 0x40, 0x21);
    assertThat(answer(0, 16, Optional.of(0x1234))).containsExactly(0x01);
  }

  private static int[] answer(int start, int most, Optional<Integer> manufacturer) {
    ZclFieldSerializer out = AirFrames.serializer();
    AttributeDiscovery.answer(
            NODE, 1, ON_OFF, manufacturer, new DiscoverAttributesCommand(start, most))
        .serialize(out);
    return out.getPayload();
  }
}
