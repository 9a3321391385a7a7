package org.nipcgateway.it.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Vert.x's blocked-thread warnings (logback-test.xml routes them here) so that a test
 * gateway can fail when an event loop was blocked. Static because Logback creates appenders itself;
 * only tests use it.
 */
public final class BlockedThreadRecorder extends AppenderBase<ILoggingEvent> {
  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    WARNINGS.add(event.getFormattedMessage());
  }

  /** The warnings so far (they mention the blocked thread and for how long). */
  public static List<String> warnings() {
    return List.copyOf(WARNINGS);
  }
}
