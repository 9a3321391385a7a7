package org.nipcgateway.core.nipc.extension.file;

import java.util.Optional;
import org.nipcgateway.core.nipc.operation.RefusalMeaning;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.nipc.problem.NipcProblem;
import org.nipcgateway.core.radio.DeviceStatus;
import org.nipcgateway.core.radio.ZclStatus;

/**
 * How a device says, in its answer to the last piece of a file, that it received the image whole
 * and will not run it, so it keeps the firmware it had: extension-firmware-rollback. Over BLE an
 * ATT application error (0x80–0x9F, the codes the firmware characteristic's own profile defines);
 * over Zigbee the OTA Upgrade statuses a client ends an upgrade with when it does not apply the
 * image (ABORT, INVALID_IMAGE, REQUIRE_MORE_IMAGE). Any other refusal, of the last piece or an
 * earlier one, is a write that failed (decisions §28).
 */
final class ImageRefusal implements RefusalMeaning {
  private final long bytes;

  /** For a file of that many bytes. */
  ImageRefusal(long bytes) {
    this.bytes = bytes;
  }

  /** Whether the status, answered to the last piece, refuses the image. */
  static boolean refusesImage(DeviceStatus status) {
    return switch (status.protocol()) {
      case ATT -> status.applicationError();
      case ZCL ->
          status.code() == ZclStatus.ABORT.code()
              || status.code() == ZclStatus.INVALID_IMAGE.code()
              || status.code() == ZclStatus.REQUIRE_MORE_IMAGE.code();
    };
  }

  @Override
  public Optional<NipcException> problem(DeviceStatus status) {
    if (!refusesImage(status)) {
      return Optional.empty();
    }
    return Optional.of(
        NipcException.of(
            NipcProblem.EXTENSION_FIRMWARE_ROLLBACK,
            "the device received all "
                + bytes
                + " bytes, then refused the image (it answered "
                + status
                + " to the last piece) and keeps the firmware it had"));
  }
}
