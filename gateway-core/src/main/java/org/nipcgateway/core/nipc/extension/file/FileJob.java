package org.nipcgateway.core.nipc.extension.file;

import java.util.Optional;
import org.nipcgateway.core.nipc.problem.NipcException;

/** One file written to a device's property: in progress, then done or failed with its problem. */
public final class FileJob {
  private final String instanceId;
  private final String deviceId;
  private final String property;
  private volatile boolean finished;
  private volatile NipcException problem;

  FileJob(String instanceId, String deviceId, String property) {
    this.instanceId = instanceId;
    this.deviceId = deviceId;
    this.property = property;
  }

  public String instanceId() {
    return instanceId;
  }

  public String deviceId() {
    return deviceId;
  }

  public String property() {
    return property;
  }

  public boolean finished() {
    return finished;
  }

  /** The problem it failed with, once it failed. */
  public Optional<NipcException> problem() {
    return Optional.ofNullable(problem);
  }

  void finish(NipcException failure) {
    problem = failure;
    finished = true;
  }
}
