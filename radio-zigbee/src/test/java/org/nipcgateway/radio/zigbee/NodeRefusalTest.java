package org.nipcgateway.radio.zigbee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nipcgateway.core.radio.DeviceAnswer;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.ZclStatus;

/** A node's ZCL status reaches the engine as the node sent it. */
class NodeRefusalTest {

  @Test
  void an_ota_status_stays_itself_instead_of_becoming_failure() {
    DeviceAnswer<Void> answer = ZsmartsystemsZigbeeRadio.refused(0x96);

    assertThat(answer.refusal()).hasValue(DeviceStatus.zcl(ZclStatus.INVALID_IMAGE));
  }

  @Test
  void a_code_the_stack_knows_and_the_gateway_does_not_name_is_kept_as_its_number() {
    // NOTIFICATION_PENDING (0x9A) in the stack's enumeration, not in the gateway's.
    DeviceAnswer<Void> answer = ZsmartsystemsZigbeeRadio.refused(0x9A);

    assertThat(answer.refusal()).hasValue(new DeviceStatus(DeviceStatus.Protocol.ZCL, 0x9A));
  }

  @Test
  void a_status_the_stack_could_not_decode_is_failure() {
    // The stack decodes a status it does not know as UNKNOWN, whose id is 0xFF.
    DeviceAnswer<Void> answer = ZsmartsystemsZigbeeRadio.refused(0xFF);

    assertThat(answer.refusal()).hasValue(DeviceStatus.zcl(ZclStatus.FAILURE));
  }
}
