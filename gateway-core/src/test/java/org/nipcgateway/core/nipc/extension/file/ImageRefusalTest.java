package org.nipcgateway.core.nipc.extension.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.radio.AttError;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.ZclStatus;

/** Which answers to the last piece of a file say the device refused the image. */
class ImageRefusalTest {
  private final ImageRefusal refusal = new ImageRefusal(4096);

  private static DeviceStatus att(int code) {
    return new DeviceStatus(DeviceStatus.Protocol.ATT, code);
  }

  @Test
  void an_att_application_error_refuses_the_image_and_a_protocol_error_does_not() {
    assertThat(ImageRefusal.refusesImage(att(0x80))).isTrue();
    assertThat(ImageRefusal.refusesImage(att(0x9F))).isTrue();
    assertThat(ImageRefusal.refusesImage(att(0x7F))).isFalse();
    assertThat(ImageRefusal.refusesImage(att(0xA0))).isFalse();
    assertThat(ImageRefusal.refusesImage(DeviceStatus.att(AttError.WRITE_NOT_PERMITTED))).isFalse();
    assertThat(ImageRefusal.refusesImage(DeviceStatus.att(AttError.WRITE_REQUEST_REJECTED)))
        .isFalse();
  }

  @Test
  void the_zcl_ota_statuses_that_end_an_upgrade_unapplied_refuse_the_image() {
    assertThat(ImageRefusal.refusesImage(DeviceStatus.zcl(ZclStatus.INVALID_IMAGE))).isTrue();
    assertThat(ImageRefusal.refusesImage(DeviceStatus.zcl(ZclStatus.ABORT))).isTrue();
    assertThat(ImageRefusal.refusesImage(DeviceStatus.zcl(ZclStatus.REQUIRE_MORE_IMAGE))).isTrue();
    assertThat(ImageRefusal.refusesImage(DeviceStatus.zcl(ZclStatus.FAILURE))).isFalse();
    assertThat(ImageRefusal.refusesImage(DeviceStatus.zcl(ZclStatus.INSUFFICIENT_SPACE))).isFalse();
    assertThat(ImageRefusal.refusesImage(DeviceStatus.zcl(ZclStatus.WAIT_FOR_DATA))).isFalse();
  }

  @Test
  void a_refused_image_is_a_rollback_whose_detail_names_the_answer_and_the_size() {
    NipcException problem =
        refusal.problem(DeviceStatus.zcl(ZclStatus.INVALID_IMAGE)).orElseThrow();

    assertThat(problem.problem()).hasValue(NipcProblem.EXTENSION_FIRMWARE_ROLLBACK);
    assertThat(problem.getMessage())
        .isEqualTo(
            "the device received all 4096 bytes, then refused the image (it answered ZCL"
                + " INVALID_IMAGE (0x96) to the last piece) and keeps the firmware it had");
    assertThat(refusal.problem(DeviceStatus.zcl(ZclStatus.READ_ONLY))).isEmpty();
  }
}
