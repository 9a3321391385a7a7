package org.nipcgateway.it.support;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One gateway for all tests of a class: {@code @RegisterExtension static final SharedGateway
 * gateway = new SharedGateway();} starts it before the first test and stops it after the last.
 */
public final class SharedGateway implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<RunningGateway> starter;
  private RunningGateway running;

  public SharedGateway() {
    this(RunningGateway::start);
  }

  public SharedGateway(Supplier<RunningGateway> starter) {
    this.starter = starter;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running = starter.get();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (running != null) {
      running.close();
    }
  }

  public ScimClient scim() {
    return running.scim();
  }

  public RunningGateway running() {
    return running;
  }
}
