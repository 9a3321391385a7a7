package org.nipcgateway.core.nipc.operation;

import java.util.Optional;
import org.nipcgateway.core.nipc.problem.NipcException;
import org.nipcgateway.core.radio.DeviceStatus;

/**
 * What a device's refusal of a write means to the caller that asked for it, when it means more than
 * a failed write: the File extension reads an image refusal in the answer to the last piece. A
 * refusal it has nothing to say about is reported as any refused write is.
 */
@FunctionalInterface
public interface RefusalMeaning {
  /** Every refusal is a failed write. */
  RefusalMeaning NONE = status -> Optional.empty();

  /** The problem this refusal is, or empty for the usual property-write-failed. */
  Optional<NipcException> problem(DeviceStatus status);
}
